package ru.gov.tomsk.opendata.ops.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.apache.camel.CamelContext;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.GateRepository;
import ru.gov.tomsk.opendata.catalog.NodeIdentity;
import ru.gov.tomsk.opendata.catalog.RunLog;
import ru.gov.tomsk.opendata.feed.FeedRegistry;
import ru.gov.tomsk.opendata.ops.SecurityHeaders;

/**
 * Push ingestion: the service, and {@code /api/ingest/**} as a surface of its own. Its security chain knows one way in,
 * the feed's push token ({@link PushTokenFilter}): no session, no CSRF (no cookie or Basic credentials a browser could
 * replay), no Basic, no form login, and nothing under it but the push endpoints; and push tokens are looked up in no
 * other chain, so a push token opens no admin surface.
 */
@Configuration(proxyBeanMethods = false)
class PushConfiguration {

    @Bean
    PushIngestion pushIngestion(CamelContext camel, RunLog runLog, GateRepository gate, PushRequests requests,
                                PushProperties settings, OpendataProperties properties, NodeIdentity node,
                                ObjectMapper json, java.time.Clock clock) {
        return new PushIngestion(camel, runLog, gate, requests, settings, properties.workDir(), node.id(), json, clock);
    }

    /** Pushes a stop of this node cut short are closed as failed, and their locks released, once it runs again. */
    @EventListener(ApplicationReadyEvent.class)
    void recover(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(PushIngestion.class).recover();
    }

    /** Before the catch-all chain (order 3) that takes Basic credentials and admin tokens. */
    @Bean
    @Order(1)
    SecurityFilterChain pushIngestionSurface(HttpSecurity http, PushTokens tokens, FeedRegistry registry,
                                      OpendataProperties site) throws Exception {
        http.securityMatcher(PushController.BASE + "/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(PushTokenFilter.ROLE))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> anonymous.disable())
                .csrf(csrf -> csrf.disable())
                .headers(SecurityHeaders.of(SecurityHeaders.DATA_POLICY, ReferrerPolicy.NO_REFERRER,
                        site.baseUrl().regionMatches(true, 0, "https:", 0, 6)))
                // the filter answers every refusal itself; this is only what an unforeseen path would get
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .addFilterBefore(new PushTokenFilter(tokens, registry), BasicAuthenticationFilter.class);
        return http.build();
    }

    /** The push token as the ingest operations' own security scheme, instead of the admin API's Basic and Bearer. */
    @Bean
    OpenApiCustomizer pushIngestionApi() {
        return openApi -> {
            openApi.getComponents().addSecuritySchemes(PushController.SCHEME, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .description("The feed's own push token (odp_…), issued by an ADMIN on the feed's page in the"
                            + " console; it is good for that feed's pushes only"));
            if (openApi.getTags() != null && openApi.getTags().stream().noneMatch(t -> PushController.TAG.equals(t.getName()))) {
                openApi.addTagsItem(new Tag().name(PushController.TAG).description("Information systems push their"
                        + " datasets to feeds of source kind push; see docs/push.ru.md"));
            }
        };
    }
}
