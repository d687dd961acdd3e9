package ru.gov.tomsk.opendata.ops.api;

import java.util.List;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

/**
 * The OpenAPI description of the admin API ({@code /v3/api-docs}, UI at {@code /swagger-ui.html}; springdoc is
 * limited to {@code /api/admin/**} in application.yml): HTTP Basic for every operation, one tag per resource,
 * and the problem document for the errors every operation can answer with.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM = "ProblemDetail";

    @Bean
    OpenAPI adminApiDescription() {
        return new OpenAPI()
                .info(new Info().title("opendata-bridge admin API").version("1")
                        .description("Feeds with status and deadlines, run history with quarantine reports, versions and "
                                + "held versions, deliveries, run now, dry run and feed file validation. Reading needs "
                                + "the VIEWER role, actions (POST) OPERATOR; ADMIN has both. Errors are RFC 9457 problem "
                                + "documents (application/problem+json) whose detail names what was wrong. Scripts "
                                + "authenticate with a personal API token (Bearer) that an ADMIN creates in the console "
                                + "at /admin/tokens. Actions (POST) made by a browser from another site are refused "
                                + "(403), and so are the content types HTML forms send (415)."))
                .components(new Components()
                        .addSecuritySchemes(AdminApi.BASIC, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A user from opendata.security.users with role VIEWER (read, validate), "
                                        + "OPERATOR (run, dry run, approve, discard, retry) or ADMIN"))
                        .addSecuritySchemes(AdminApi.BEARER, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A personal API token (odb_…) from the console's «API-токены» page; it acts "
                                        + "as its owner with the role chosen for it, and expires")))
                .addSecurityItem(new SecurityRequirement().addList(AdminApi.BASIC))
                .addSecurityItem(new SecurityRequirement().addList(AdminApi.BEARER))
                .tags(List.of(
                        new Tag().name(AdminApi.FEEDS).description("Feeds with status, schedule and deadline; run now; dry run"),
                        new Tag().name(AdminApi.RUNS).description("Run history and quarantine reports"),
                        new Tag().name(AdminApi.VERSIONS).description("Published versions, held versions, approve and discard"),
                        new Tag().name(AdminApi.DELIVERIES).description("Deliveries of versions to the portals, and retry"),
                        new Tag().name(AdminApi.FEED_FILES).description("Validate a feed YAML before it is installed")));
    }

    /** 401, 403 and 500 apply to every operation; declaring them once keeps the controllers readable. */
    @Bean
    OpenApiCustomizer commonAdminApiResponses() {
        return openApi -> {
            ResolvedSchema problem = ModelConverters.getInstance().resolveAsResolvedSchema(
                    new io.swagger.v3.core.converter.AnnotatedType(ProblemDetail.class));
            if (openApi.getComponents().getSchemas() == null || !openApi.getComponents().getSchemas().containsKey(PROBLEM)) {
                openApi.getComponents().addSchemas(PROBLEM, problem.schema);
            }
            Schema<?> problemSchema = openApi.getComponents().getSchemas().get(PROBLEM);
            if (problemSchema.getProperties() != null) {
                // ProblemDetail's extra properties are written as top-level members (e.g. a dry run's "reason"),
                // never as a "properties" object, whatever the bean's getter suggests
                problemSchema.getProperties().remove("properties");
                problemSchema.additionalProperties(true).description("RFC 9457 problem details; detail names the "
                        + "parameter, feed or state that made the request fail");
            }
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                ApiResponses responses = operation.getResponses();
                // answered by the security filters before the API is reached, hence no body is promised
                responses.putIfAbsent("401", new ApiResponse().description("no or wrong credentials (HTTP Basic)"));
                responses.putIfAbsent("403", new ApiResponse().description("the user lacks the role this operation needs"));
                responses.putIfAbsent("500", problemResponse("internal error; the service log has the details"));
            }));
        };
    }

    private static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(AdminApi.PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }
}
