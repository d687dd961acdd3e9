package ru.gov.tomsk.opendata.programme.mandates;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import ru.gov.tomsk.opendata.programme.departments.DepartmentFinding;
import ru.gov.tomsk.opendata.programme.departments.DepartmentFindings;

/**
 * «Обязательные наборы, которые не выполнены» of a department's report. A department is expected to publish an item
 * when the catalogue names it as the item's {@code owner}, or when one of its own feeds declares the item (it took it
 * on). Such an item is a finding when the item as a whole is not fulfilled: not published yet, overdue or at risk,
 * or published without the coordinates the act requires. An item another department's dataset keeps current is not
 * held against it.
 */
@Component
class MandateFindings implements DepartmentFindings {

    static final String LINK = "/admin/mandates";

    private final MandateCoverage coverage;

    MandateFindings(MandateCoverage coverage) {
        this.coverage = coverage;
    }

    @Override
    public String heading() {
        return "Обязательные наборы, которые не выполнены";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<DepartmentFinding> of(String inn) {
        List<DepartmentFinding> findings = new ArrayList<>();
        for (Coverage.ListCoverage list : coverage.now().lists()) {
            for (Coverage.ItemCoverage i : list.items()) {
                boolean owner = inn.equals(i.item().owner());
                boolean declared = i.feeds().stream().anyMatch(f -> f.department().equals(inn));
                if (!owner && !declared) {
                    continue;
                }
                String what = "«" + i.item().wording() + "» (" + i.reference()
                        + (list.list().demo() ? ", демонстрационный перечень" : "") + ")";
                String text = switch (i.state()) {
                    case NOT_COVERED -> "Набор " + what + " не опубликован: опубликуйте его и укажите в файле описания "
                            + "набора mandates: [" + i.reference() + "].";
                    case OVERDUE -> "Набор " + what + " просрочен: обновите данные.";
                    case AT_RISK -> "Срок обновления набора " + what + " подходит, а данные не обновлены.";
                    case CURRENT -> null;
                };
                if (text != null) {
                    findings.add(new DepartmentFinding(i.reference(), text, LINK));
                }
                if (Boolean.FALSE.equals(i.coordinates()) && i.state() != CoverageState.NOT_COVERED) {
                    findings.add(new DepartmentFinding(i.reference(), "Набор " + what + " должен содержать "
                            + "координаты, а опубликован без них: добавьте в файл описания geo: { latitude: …, "
                            + "longitude: … } и поля широты и долготы.", LINK));
                }
            }
        }
        return findings;
    }
}
