package ru.gov.tomsk.opendata.publish;

import java.util.Collection;
import java.util.Optional;

/** Which targets each dataset goes to, as its feed lists them in {@code publish: [...]}. */
public interface PublishLists {

    /**
     * The targets the dataset's feed publishes to ({@code publish: []}: none); empty when no loaded feed defines
     * the dataset (its feed file was removed, or has never loaded).
     */
    Optional<Collection<String>> targetsOf(String identifier);
}
