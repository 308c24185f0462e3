package io.sessionflow.runtime.security;

import java.util.List;
import java.util.function.Predicate;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Spring Security's {@link AuthenticationFilter} for one bearer credential that sessionflow issues to itself
 * (instance-to-instance, management): reads the {@code Authorization} header, lets the credential check it
 * (in constant time), and on success goes on as {@code principal}; a wrong credential is answered 401 at once,
 * a missing one is left to the chain's authorization (401 too, from the same entry point).
 */
public final class BearerAuthentication {

    /** Answers 401 with an empty body and {@code WWW-Authenticate: Bearer}. */
    public static final AuthenticationEntryPoint UNAUTHORIZED = (request, response, exception) -> {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setStatus(401);
    };

    private BearerAuthentication() {}

    /** @param accepts whether an {@code Authorization} header value carries the credential */
    public static AuthenticationFilter filter(String principal, Predicate<String> accepts) {
        AuthenticationManager manager = authentication -> {
            if (authentication.getCredentials() instanceof String authorization && accepts.test(authorization)) {
                return new PreAuthenticatedAuthenticationToken(principal, null, List.of());
            }
            throw new BadCredentialsException("The credential is not the " + principal + " credential");
        };
        AuthenticationConverter converter = request -> {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            return authorization == null ? null : new PreAuthenticatedAuthenticationToken(principal, authorization);
        };
        AuthenticationFilter filter = new AuthenticationFilter(manager, converter);
        filter.setSuccessHandler((request, response, authentication) -> {
            // stateless: the request goes on authenticated, no redirect
        });
        filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(UNAUTHORIZED));
        return filter;
    }
}
