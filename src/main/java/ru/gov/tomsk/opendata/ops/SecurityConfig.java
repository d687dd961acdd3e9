package ru.gov.tomsk.opendata.ops;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.server.AbstractServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import ru.gov.tomsk.opendata.OpendataProperties;
import ru.gov.tomsk.opendata.catalog.web.PassportMapProperties;
import ru.gov.tomsk.opendata.ops.token.ApiTokens;

/**
 * Who may do what. The public side ({@code /opendata/**}, {@code /}, {@code robots.txt}, {@code favicon.ico},
 * liveness and readiness) is open and never reads credentials. Everything else needs an account of
 * {@code opendata.security.users} with a role: VIEWER reads, DEPARTMENT also tries and installs drafts of
 * its own organisations' feeds, OPERATOR also acts (run now, dry run, approve, retry),
 * ADMIN does everything, including the personal API tokens.
 *
 * <ul>
 *   <li>the public surfaces: a chain with no authentication mechanism at all, so an {@code Authorization} header
 *       that a client or proxy sends there (a wrong password, a token, garbage) is never checked: never a 401, and
 *       never a failed login that could lock an operator out;</li>
 *   <li>{@code /api/admin/**}: a personal API token (Bearer) or HTTP Basic, stateless, so no session and no CSRF
 *       token. A browser does remember Basic credentials, so state-changing calls from another site are refused by
 *       {@link CrossSiteRequestFilter} (Sec-Fetch-Site, Origin, form content types) before authentication;</li>
 *   <li>{@code /admin/**}: the console, form login with a session and CSRF protection on every form;</li>
 *   <li>{@code /api/ingest/**}: information systems pushing their datasets, each with its feed's push token only; a
 *       chain of its own, in {@code ru.gov.tomsk.opendata.ops.ingest.PushConfiguration};</li>
 *   <li>the rest ({@code /actuator/**}, the OpenAPI description): HTTP Basic (Prometheus) or a token, VIEWER.</li>
 * </ul>
 * Failed logins are limited per canonical login name and per client address ({@link LoginThrottle}), on every way in.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfig {

    static final String DEMO_PROFILE = "demo";

    /** Read by anyone, whatever credentials they send; the probes are for load balancers and orchestrators. */
    static final String[] PUBLIC = {"/", "/robots.txt", "/favicon.ico", "/opendata", "/opendata/**",
            "/actuator/health/liveness", "/actuator/health/readiness"};

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfig.class);

    private static final String VIEWER = Role.VIEWER.name();
    private static final String DEPARTMENT = Role.DEPARTMENT.name();
    private static final String OPERATOR = Role.OPERATOR.name();
    private static final String ADMIN = Role.ADMIN.name();

    @Bean
    @Order(0)
    SecurityFilterChain publicSurface(HttpSecurity http, OpendataProperties site, PassportMapProperties map)
            throws Exception {
        http.securityMatcher(PUBLIC)
                // every method: the handlers themselves answer 405 to anything but GET and HEAD, except the public
                // request form's POST /opendata/requests/, which checks its origin, size and sender itself
                // (programme.requests.PublicRequestsController)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                // no session, no login and nothing to change: nothing for CSRF to ride on
                .csrf(csrf -> csrf.disable())
                .headers(SecurityHeaders.of(SecurityHeaders.sectionPolicy(map.tileOrigin()), ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
                        https(site)));
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain adminApi(HttpSecurity http, LoginThrottle throttle, Clock clock, OpendataProperties site,
                                 ApiTokenFilter tokens) throws Exception {
        LoginThrottleFilter lock = new LoginThrottleFilter(throttle, clock);
        http.securityMatcher("/api/admin/**")
                .authorizeHttpRequests(auth -> auth
                        // a push token is a credential of an information system, like the console's
                        .requestMatchers("/api/admin/feeds/*/push-token").hasRole(ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/admin/**").hasRole(VIEWER)
                        // validating a posted feed file changes nothing
                        .requestMatchers(HttpMethod.POST, CrossSiteRequestFilter.VALIDATE).hasRole(VIEWER)
                        // drafts of its own organisations only: checked by the controller (DraftOwners)
                        .requestMatchers(HttpMethod.POST, CrossSiteRequestFilter.DRAFTS).hasRole(DEPARTMENT)
                        .anyRequest().hasRole(OPERATOR))
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // no session cookie to forge with; Basic credentials a browser remembers are CrossSiteRequestFilter's
                .csrf(csrf -> csrf.disable())
                .headers(SecurityHeaders.of(SecurityHeaders.DATA_POLICY, ReferrerPolicy.NO_REFERRER, https(site)))
                .exceptionHandling(e -> e.authenticationEntryPoint(basicEntryPoint()))
                .addFilterBefore(lock, BasicAuthenticationFilter.class)
                .addFilterBefore(new CrossSiteRequestFilter(site.baseUrl()), LoginThrottleFilter.class)
                .addFilterAfter(tokens, LoginThrottleFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain adminConsole(HttpSecurity http, LoginThrottle throttle, Clock clock, OpendataProperties site)
            throws Exception {
        http.securityMatcher("/admin", "/admin/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(LoginThrottleFilter.LOGIN_PAGE, "/admin/assets/**").permitAll()
                        .requestMatchers("/admin/tokens", "/admin/tokens/**", "/admin/feeds/*/push-token",
                                "/admin/feeds/*/push-token/**").hasRole(ADMIN)
                        // drafts of its own organisations only: checked by the controller (DraftOwners)
                        .requestMatchers("/admin/try", "/admin/try/**").hasRole(DEPARTMENT)
                        .requestMatchers(HttpMethod.GET, "/admin", "/admin/**").hasRole(VIEWER)
                        .requestMatchers(HttpMethod.POST, "/admin/logout").authenticated()
                        .anyRequest().hasRole(OPERATOR))
                .formLogin(form -> form.loginPage(LoginThrottleFilter.LOGIN_PAGE)
                        .defaultSuccessUrl("/admin/", false)
                        .failureUrl(LoginThrottleFilter.LOGIN_PAGE + "?error"))
                .logout(logout -> logout.logoutUrl("/admin/logout").logoutSuccessUrl(LoginThrottleFilter.LOGIN_PAGE + "?logout"))
                .headers(SecurityHeaders.of(SecurityHeaders.PAGES_POLICY, ReferrerPolicy.NO_REFERRER, https(site)))
                .addFilterBefore(new LoginThrottleFilter(throttle, clock), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http, LoginThrottle throttle, Clock clock, OpendataProperties site,
                                       ApiTokenFilter tokens) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**").hasRole(VIEWER)
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // read-only GETs and Basic credentials only: no form, no session, nothing for CSRF to ride on
                .csrf(csrf -> csrf.disable())
                // no policy: Swagger UI runs its own scripts and inline styles
                .headers(SecurityHeaders.of(null, ReferrerPolicy.NO_REFERRER, https(site)))
                .exceptionHandling(e -> e.authenticationEntryPoint(basicEntryPoint()))
                // the actuator takes Basic credentials too: without the lock here it would be the unthrottled way to guess
                .addFilterBefore(new LoginThrottleFilter(throttle, clock), BasicAuthenticationFilter.class)
                .addFilterAfter(tokens, LoginThrottleFilter.class);
        return http.build();
    }

    /**
     * One instance for the two chains that take tokens. Not a servlet filter of its own: a bean of type Filter would
     * be registered by Spring Boot for every request.
     */
    @Bean
    ApiTokenFilter apiTokenFilter(ApiTokens tokens, UserDetailsService accounts, RoleHierarchy roles,
                                  LoginThrottle throttle, Clock clock) {
        return new ApiTokenFilter(tokens, accounts, roles, throttle, clock);
    }

    @Bean
    FilterRegistrationBean<ApiTokenFilter> apiTokenFilterOnlyInTheSecurityChains(ApiTokenFilter filter) {
        FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    /**
     * The session cookie (the console's) is {@code Secure} when the public address is https, also behind a proxy
     * that terminates TLS, where the request itself arrives as plain HTTP. An explicit
     * {@code server.servlet.session.cookie.secure} wins.
     */
    @Bean
    WebServerFactoryCustomizer<AbstractServletWebServerFactory> secureSessionCookie(OpendataProperties site) {
        return factory -> {
            Cookie cookie = factory.getSession().getCookie();
            if (cookie.getSecure() == null && https(site)) {
                cookie.setSecure(true);
            }
        };
    }

    private static boolean https(OpendataProperties site) {
        return site.baseUrl().regionMatches(true, 0, "https:", 0, 6);
    }

    /** 401 with the Basic challenge, never a redirect to a login page, for programs (curl, Prometheus). */
    private static BasicAuthenticationEntryPoint basicEntryPoint() {
        BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName("opendata-bridge");
        return entryPoint;
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name()).implies(OPERATOR)
                .role(OPERATOR).implies(DEPARTMENT)
                .role(DEPARTMENT).implies(VIEWER)
                .build();
    }

    /**
     * The configured accounts. Outside the {@code demo} profile, an account whose password is the demo's or a
     * default one stops the start: such a service must never reach a network.
     */
    @Bean
    UserDetailsService configuredUsers(SecurityProperties properties, Environment environment) {
        List<UserDetails> users = ConfiguredUsers.from(properties);
        if (users.isEmpty()) {
            LOG.warn("No account in opendata.security.users: only /opendata/ and the probes are reachable");
        }
        if (environment.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
            // said on every start, so that a demo set-up that slipped into production shows in its log
            LOG.warn("The '{}' profile is active: demo accounts and default passwords are accepted. "
                    + "Never expose this service to a network like this.", DEMO_PROFILE);
        } else {
            List<String> weak = ConfiguredUsers.withDefaultPasswords(users);
            if (!weak.isEmpty()) {
                throw new IllegalStateException("Refusing to start: " + String.join(", ", weak)
                        + " has a demo or default password, and the '" + DEMO_PROFILE + "' profile is not active. "
                        + "Give each account its own password-hash (bcrypt) from the environment, or remove it.");
            }
            List<String> cheap = ConfiguredUsers.withLowCost(users);
            if (!cheap.isEmpty()) {
                LOG.warn("{}: bcrypt cost below {}; a stolen hash is cheap to crack (htpasswd -nbBC 12 …)",
                        String.join(", ", cheap), ConfiguredUsers.MIN_RECOMMENDED_COST);
            }
        }
        return new Accounts(users);
    }

    @Bean
    LoginThrottle loginThrottle(SecurityProperties properties, Clock clock) {
        return new LoginThrottle(properties.login(), clock);
    }
}
