package ru.gov.tomsk.opendata.ops.api;

import java.net.URI;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

import ru.gov.tomsk.opendata.source.RejectedFile;

/**
 * A file a drop feed refused, as the API shows it.
 *
 * @param name     the file's name in the drop directory's {@code .error/}
 * @param size     its size in bytes
 * @param failedAt when it was refused (its reason file's time); null without a reason file
 * @param reason   the reason file's text; null without one
 * @param requeue  where to POST to move it back into the drop directory
 */
@Schema(name = "RejectedFile")
record RejectedFileView(String name, long size, Instant failedAt, String reason, URI requeue) {

    /** @param reason the reason file's text as the caller may see it (server paths removed) */
    static RejectedFileView of(String feedId, RejectedFile file, String reason) {
        return new RejectedFileView(file.name(), file.size(), file.failedAt(), reason,
                org.springframework.web.util.UriComponentsBuilder.fromPath(AdminApi.BASE
                        + "/feeds/{id}/rejected-files/{name}/requeue").buildAndExpand(feedId, file.name()).encode()
                        .toUri());
    }
}
