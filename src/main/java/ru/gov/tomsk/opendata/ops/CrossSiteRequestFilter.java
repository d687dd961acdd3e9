package ru.gov.tomsk.opendata.ops;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.filter.OncePerRequestFilter;

import ru.gov.tomsk.opendata.http.BrowserOrigin;

/**
 * Keeps other sites from changing anything through the admin API with the credentials a browser remembers (HTTP
 * Basic, once an operator opened an API or actuator URL): every state-changing request (any method but GET, HEAD,
 * OPTIONS, TRACE) is refused, before authentication, when
 * <ul>
 *   <li>{@code Sec-Fetch-Site} says the browser sends it for another site: anything but {@code same-origin} or
 *       {@code none}. {@code same-site} is refused as well: hosts under the same registrable domain (the region's
 *       other sites) are not this service, and the console and Swagger UI are same-origin;</li>
 *   <li>{@code Origin} is present and is neither the request's own origin nor that of {@code opendata.base-url} (the
 *       public address behind a proxy); {@code Origin: null} (sandboxed or opaque pages) is foreign too;</li>
 *   <li>the body is a type an HTML form can send without a CORS preflight ({@code application/x-www-form-urlencoded},
 *       {@code multipart/form-data}, {@code text/plain}): 415. Scripts send no body, JSON or YAML; only the feed file
 *       validation, which changes nothing, keeps {@code text/plain}, and the drafts take their files as
 *       {@code multipart/form-data}: a draft's dry run changes nothing, and its installation also needs the header
 *       {@value #REQUESTED_WITH}, which a form cannot send and a script of another site cannot send without a CORS
 *       preflight this service never grants.</li>
 * </ul>
 * Any one of these stops a forged form in browsers old and new; programs such as curl send none of them.
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

    static final String VALIDATE = "/api/admin/feeds/validate";
    static final String DRAFTS = "/api/admin/drafts/*";
    static final String DRAFT_DRY_RUN = "/api/admin/drafts/dry-run";
    static final String DRAFT_INSTALL = "/api/admin/drafts/install";
    static final String REQUESTED_WITH = "X-Requested-With";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final List<MediaType> FORM_TYPES = List.of(MediaType.APPLICATION_FORM_URLENCODED,
            MediaType.MULTIPART_FORM_DATA, MediaType.TEXT_PLAIN);

    private final BrowserOrigin origin;

    /** @param baseUrl {@code opendata.base-url}, whose origin is the public one of the service */
    CrossSiteRequestFilter(String baseUrl) {
        this.origin = new BrowserOrigin(baseUrl);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> foreign = origin.foreign(request);
        if (foreign.isPresent()) {
            refuse(request, response, foreign.get());
            return;
        }
        MediaType type = formType(request.getContentType());
        if (type != null && !(type.equals(MediaType.TEXT_PLAIN) && VALIDATE.equals(request.getServletPath()))
                && !draftFiles(type, request)) {
            FilterProblems.send(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type '"
                    + BrowserOrigin.clip(request.getContentType()) + "' is what HTML forms send and is not accepted by the admin API's "
                    + "actions; send no body (or JSON)");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean draftFiles(MediaType type, HttpServletRequest request) {
        if (!type.equals(MediaType.MULTIPART_FORM_DATA)) {
            return false;
        }
        String path = request.getServletPath();
        return DRAFT_DRY_RUN.equals(path) || DRAFT_INSTALL.equals(path) && request.getHeader(REQUESTED_WITH) != null;
    }

    private static MediaType formType(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return FORM_TYPES.stream().filter(type::equalsTypeAndSubtype).findFirst().orElse(null);
        } catch (InvalidMimeTypeException e) {
            return null; // not a form's type; the controller answers a malformed one
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String what) throws IOException {
        FilterProblems.send(request, response, HttpStatus.FORBIDDEN, "cross-site request refused (" + what + "): the "
                + "admin API's actions are taken by scripts with an API token (Authorization: Bearer …) or in the console");
    }
}
