package ru.gov.tomsk.opendata.publish;

/**
 * A kind of target ({@code opendata.targets.<name>.kind}): a Spring bean that turns a target's settings into a
 * {@link DeliveryTarget}. A new kind (sftp, ftp, ckan, http) is one more bean of this type, plus its settings
 * in {@link PublishProperties.Target}.
 */
public interface TargetKind {

    /** The word operators write as {@code kind}. */
    String name();

    /**
     * @throws IllegalArgumentException naming the setting ({@code opendata.targets.<name>.<setting>}) that is
     *                                  missing or wrong; the service does not start with a misconfigured target
     */
    DeliveryTarget create(String name, PublishProperties.Target settings);
}
