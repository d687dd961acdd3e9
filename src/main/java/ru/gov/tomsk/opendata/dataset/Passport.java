package ru.gov.tomsk.opendata.dataset;

import java.util.List;

/** The descriptive part of a dataset's passport, as the owning department states it. */
public record Passport(String identifier, String title, String description, String creator, List<String> subject,
                       Publisher publisher) {

    public Passport {
        subject = List.copyOf(subject);
    }

    /** The person responsible for the dataset. */
    public record Publisher(String name, String phone, String mbox) {
    }
}
