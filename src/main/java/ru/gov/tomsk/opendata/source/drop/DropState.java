package ru.gov.tomsk.opendata.source.drop;

import java.time.Instant;

/**
 * What the server (or the local file system) says about a dropped file at one look: its size, its modification time
 * as a directory listing shows it (what the file consumer itself saw, to the minute on many FTP servers), and the
 * most exact time the server can tell ({@code MDTM}/{@code MLST} on FTP; the listing's own time elsewhere), or
 * {@link #UNKNOWN}. Two looks that are equal mean nothing the server reports has changed in between; the times are
 * only compared with each other, never with the service's clock, because a server's clock or zone may be off.
 */
record DropState(long size, long listedModified, long exactModified) {

    static final long UNKNOWN = -1;

    String describe() {
        long time = exactModified != UNKNOWN ? exactModified : listedModified;
        return size + " bytes" + (time > 0 ? ", modified " + Instant.ofEpochMilli(time) + " by the server's clock" : "");
    }
}
