package ru.gov.tomsk.opendata.source.drop;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.remote.RemoteFileConfiguration;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.spi.EndpointStrategy;
import org.apache.camel.spring.boot.CamelContextConfiguration;

/**
 * Gives ftp and sftp drop directories their absolute meaning back. A feed's {@code directory} is "relative to the
 * login's home or absolute"; the Kamelets write it after the port ({@code ftp:host:21/{{directory}}}), so an
 * absolute one arrives as {@code ftp://host:21//srv/drops}, the usual URL form of an absolute FTP path. Camel's ftp
 * and sftp components take the path as relative and strip its leading {@code /} ({@code FtpUtils
 * .ensureRelativeFtpDirectory}, with a WARN), so {@code /srv/drops} became {@code srv/drops} under the login's home
 * ("Cannot change directory to: srv"). The consumer itself handles an absolute directory (it changes to {@code /}
 * first, and the moves to {@code .done/} and {@code .error/} follow the file's absolute path), so each new ftp or
 * sftp endpoint whose path starts with {@code //} gets its directory set back to the absolute one.
 */
public class AbsoluteDropDirectories implements EndpointStrategy, CamelContextConfiguration {

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        camelContext.getCamelContextExtension().registerEndpointCallback(this);
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // the callback is registered before any feed route creates its endpoint
    }

    @Override
    public Endpoint registerEndpoint(String uri, Endpoint endpoint) {
        if (endpoint instanceof RemoteFileEndpoint<?> remote) {
            String absolute = absoluteDirectory(remote.getEndpointBaseUri());
            if (absolute != null) {
                RemoteFileConfiguration configuration = remote.getConfiguration();
                configuration.setDirectory(absolute);
                configuration.setDirectoryName(absolute);
            }
        }
        return endpoint;
    }

    /** {@code /srv/drops} for {@code ftp://host:21//srv/drops}; {@code null} for a relative (or no) directory. */
    static String absoluteDirectory(String baseUri) {
        int authority = baseUri.indexOf("://");
        int path = authority < 0 ? -1 : baseUri.indexOf('/', authority + 3);
        if (path < 0 || !baseUri.startsWith("//", path)) {
            return null;
        }
        String absolute = baseUri.substring(path + 1);
        int query = absolute.indexOf('?');
        return query < 0 ? absolute : absolute.substring(0, query);
    }
}
