package ru.gov.tomsk.opendata.programme.requests;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.web.OpendataPagesProperties;
import ru.gov.tomsk.opendata.catalog.web.SiteUrls;
import ru.gov.tomsk.opendata.dataset.RussianPlural;
import ru.gov.tomsk.opendata.http.BrowserOrigin;
import ru.gov.tomsk.opendata.programme.ProgrammeProperties;

/**
 * The public side of the requests for new datasets («Обратная связь», docs/programme.md): the form at
 * {@value #FORM}, its post to {@value #PATH}, and the page of the requests and their answers at {@value #PATH}. It is
 * the only thing on the public side that writes, so the post is checked in the order of cost: where it comes from
 * (403), its size before it is read (413), its type (415), the honeypot (a fake success), the sender's limit (429),
 * then each field (422, the form again with the visitor's text and a message per field).
 */
@Controller
class PublicRequestsController {

    static final String PATH = "/opendata/requests/";
    static final String FORM = PATH + "new";
    static final int PAGE_SIZE = 50;

    private static final Logger LOG = LoggerFactory.getLogger(PublicRequestsController.class);

    private final DataRequests requests;
    private final ClientKeys clientKeys;
    private final ProgrammeProperties.Requests settings;
    private final OpendataPagesProperties site;
    private final SiteUrls urls;
    private final BrowserOrigin origin;
    private final ZoneId zone;
    private final Clock clock;

    PublicRequestsController(DataRequests requests, ClientKeys clientKeys, ProgrammeProperties programme,
                             OpendataPagesProperties site, SiteUrls urls, OpendataProperties opendata, Clock clock) {
        this.requests = requests;
        this.clientKeys = clientKeys;
        this.settings = programme.requests();
        this.site = site;
        this.urls = urls;
        this.origin = new BrowserOrigin(opendata.baseUrl());
        this.zone = opendata.timeZone();
        this.clock = clock;
    }

    @ModelAttribute("site")
    OpendataPagesProperties site() {
        return site;
    }

    @GetMapping("/opendata/requests")
    String pageWithoutSlash() {
        return "redirect:" + PATH;
    }

    /** Newest first, {@value #PAGE_SIZE} a page; a page number past the end shows the last page. */
    @GetMapping(PATH)
    ModelAndView page(@RequestParam(name = "page", required = false) String pageParam) {
        long total = requests.count();
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(pages, Math.max(1, parsePage(pageParam)));
        return new ModelAndView("opendata/requests", "page",
                RequestsPage.of(total, page, PAGE_SIZE, requests.page((page - 1) * PAGE_SIZE, PAGE_SIZE), zone))
                .addObject("canonical", urls.section() + "requests/");
    }

    private static int parsePage(String value) {
        try {
            return value == null ? 1 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @GetMapping(FORM)
    ModelAndView form() {
        return formView(new RequestForm(null, null, null, false, null), Map.of(), HttpStatus.OK);
    }

    @PostMapping({PATH, "/opendata/requests"})
    ModelAndView submit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var foreign = origin.foreign(request);
        if (foreign.isPresent()) {
            LOG.warn("Request form post refused: cross-site ({})", foreign.get());
            return refused(HttpStatus.FORBIDDEN, "Запрос не принят",
                    "Форма запроса принимается только со страницы раздела открытых данных. Откройте форму "
                            + "на сайте раздела и отправьте запрос оттуда.");
        }
        long declared = request.getContentLengthLong();
        if (declared > settings.maxBodySize()) {
            return tooLarge();
        }
        if (!formType(request.getContentType())) {
            return refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Запрос не принят",
                    "Запрос отправляется формой на странице раздела (application/x-www-form-urlencoded).");
        }
        // at most one byte over the limit is read, whether or not the length was declared (chunked)
        byte[] body = request.getInputStream().readNBytes(settings.maxBodySize() + 1);
        if (body.length > settings.maxBodySize()) {
            return tooLarge();
        }
        Map<String, String> fields;
        try {
            fields = parse(new String(body, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return refused(HttpStatus.BAD_REQUEST, "Запрос не принят",
                    "Данные формы повреждены. Откройте форму заново и отправьте запрос ещё раз.");
        }
        RequestForm form = RequestForm.of(fields);
        if (form.trapped()) {
            // a person never sees the field; a bot is told it succeeded so that it does not adapt
            LOG.info("Request form post not registered: the hidden field was filled in (a bot)");
            return new ModelAndView("opendata/requests-done", Map.of("registered", false));
        }
        String key = clientKeys.of(request.getRemoteAddr());
        Instant now = clock.instant();
        Instant since = now.minus(settings.perAddressWindow());
        if (requests.countFrom(key, since) >= settings.perAddress()) {
            Instant first = requests.firstFrom(key, since).orElse(now);
            long wait = Math.max(1, Duration.between(now, first.plus(settings.perAddressWindow())).toSeconds() + 1);
            LOG.info("Request form post refused: {} requests from one address within {}", settings.perAddress(),
                    settings.perAddressWindow());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            return refused(HttpStatus.TOO_MANY_REQUESTS, "Слишком много запросов",
                    "С вашего адреса уже отправлено " + settings.perAddress() + " "
                            + RussianPlural.form(settings.perAddress(), "запрос", "запроса", "запросов") + " за " + window(settings.perAddressWindow())
                            + ". Отправьте запрос позже — через " + window(Duration.ofSeconds(wait)) + ".");
        }
        Map<String, String> errors = form.errors(settings.maxTextLength());
        if (!errors.isEmpty()) {
            return formView(form, errors, HttpStatus.UNPROCESSABLE_ENTITY);
        }
        DataRequest registered = requests.register(form.toRequest(key));
        LOG.info("Request for a new dataset {} registered, due {}", registered.number(), registered.dueOn());
        return new ModelAndView("opendata/requests-done", Map.of("registered", true,
                "number", registered.number(),
                "date", RequestsPage.Day.of(registered.registeredAt(), zone),
                "due", RequestsPage.Day.of(registered.dueOn()),
                "withContact", registered.contactEmail() != null));
    }

    private ModelAndView formView(RequestForm form, Map<String, String> errors, HttpStatus status) {
        ModelAndView view = new ModelAndView("opendata/requests-new", Map.of("form", form, "errors", errors,
                "maxTextLength", settings.maxTextLength(), "answerDays", settings.answerDays()));
        view.setStatus(status);
        return view;
    }

    private ModelAndView tooLarge() {
        return refused(HttpStatus.PAYLOAD_TOO_LARGE, "Запрос слишком большой",
                "Форма запроса принимает не больше " + settings.maxBodySize() / 1024 + " КБ, а в каждом поле не больше "
                        + settings.maxTextLength() + " знаков. Сократите текст и отправьте запрос ещё раз.");
    }

    private static ModelAndView refused(HttpStatus status, String title, String message) {
        ModelAndView view = new ModelAndView("opendata/requests-refused", Map.of("title", title, "message", message));
        view.setStatus(status);
        return view;
    }

    private static boolean formType(String contentType) {
        try {
            return contentType != null
                    && MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** application/x-www-form-urlencoded in UTF-8 (the form says accept-charset); the first of a repeated name counts. */
    static Map<String, String> parse(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    /** A wait or window in whole minutes (at least one) or hours, as people say it. */
    static String window(Duration duration) {
        long minutes = Math.max(1, (duration.toSeconds() + 59) / 60);
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours + " " + RussianPlural.form(hours, "час", "часа", "часов");
        }
        return minutes + " " + RussianPlural.form(minutes, "минуту", "минуты", "минут");
    }
}
