package ru.gov.tomsk.opendata.ops;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may do what. The public side ({@code GET /opendata/**}, liveness and readiness) is open and read-only.
 * Everything else needs an account of {@code opendata.security.users} with a role: VIEWER reads, OPERATOR also
 * acts (run now, dry run, approve, retry), ADMIN does everything.
 *
 * <ul>
 *   <li>{@code /api/admin/**}: HTTP Basic, stateless, so no session and no CSRF token (a browser never sends
 *       Basic credentials on its own after a login form, which is what CSRF abuses);</li>
 *   <li>{@code /admin/**}: the console, form login with a session and CSRF protection on every form;</li>
 *   <li>the rest ({@code /actuator/**}, the OpenAPI description): HTTP Basic, VIEWER.</li>
 * </ul>
 * Failed logins are limited per login name and per client address ({@link LoginThrottle}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfig {

    static final String DEMO_PROFILE = "demo";

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfig.class);

    private static final String VIEWER = Role.VIEWER.name();
    private static final String OPERATOR = Role.OPERATOR.name();

    @Bean
    @Order(1)
    SecurityFilterChain adminApi(HttpSecurity http, LoginThrottle throttle, Clock clock) throws Exception {
        http.securityMatcher("/api/admin/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/api/admin/**").hasRole(VIEWER)
                        // validating a posted feed file changes nothing
                        .requestMatchers(HttpMethod.POST, "/api/admin/feeds/validate").hasRole(VIEWER)
                        .anyRequest().hasRole(OPERATOR))
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(basicEntryPoint()))
                .addFilterBefore(new LoginThrottleFilter(throttle, clock), BasicAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain adminConsole(HttpSecurity http, LoginThrottle throttle, Clock clock) throws Exception {
        http.securityMatcher("/admin", "/admin/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(LoginThrottleFilter.LOGIN_PAGE, "/admin/assets/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/admin", "/admin/**").hasRole(VIEWER)
                        .requestMatchers(HttpMethod.POST, "/admin/logout").authenticated()
                        .anyRequest().hasRole(OPERATOR))
                .formLogin(form -> form.loginPage(LoginThrottleFilter.LOGIN_PAGE)
                        .defaultSuccessUrl("/admin/", false)
                        .failureUrl(LoginThrottleFilter.LOGIN_PAGE + "?error"))
                .logout(logout -> logout.logoutUrl("/admin/logout").logoutSuccessUrl(LoginThrottleFilter.LOGIN_PAGE + "?logout"))
                .addFilterBefore(new LoginThrottleFilter(throttle, clock), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http, LoginThrottle throttle, Clock clock) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/opendata", "/opendata/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/opendata", "/opendata/**").permitAll()
                        // the root redirects into the section; crawlers and browsers ask for these two on their own
                        .requestMatchers(HttpMethod.GET, "/", "/robots.txt", "/favicon.ico").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/", "/robots.txt", "/favicon.ico").permitAll()
                        .requestMatchers("/actuator/health/liveness", "/actuator/health/readiness", "/error").permitAll()
                        .requestMatchers("/actuator/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**").hasRole(VIEWER)
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // read-only GETs and Basic credentials only: no form, no session, nothing for CSRF to ride on
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(basicEntryPoint()))
                // the actuator takes Basic credentials too: without the lock here it would be the unthrottled way to guess
                .addFilterBefore(new LoginThrottleFilter(throttle, clock), BasicAuthenticationFilter.class);
        return http.build();
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
                .role(OPERATOR).implies(VIEWER)
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
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    LoginThrottle loginThrottle(SecurityProperties properties, Clock clock) {
        return new LoginThrottle(properties.login(), clock);
    }
}
