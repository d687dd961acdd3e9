package ru.gov.tomsk.opendata.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import ru.gov.tomsk.opendata.dataset.DepartmentMessage;
import ru.gov.tomsk.opendata.dataset.Field;
import ru.gov.tomsk.opendata.dataset.FieldType;
import ru.gov.tomsk.opendata.dataset.RecordMapper;

/** A failed run is told to the department by its cause, wherever in the chain the cause is. */
class RunFailuresTest {

    @Test
    void aMissingColumnNamesTheColumnAndTheField() {
        RuntimeException wrapped = new FeedRunFailedException("7017069388-schools", new IllegalStateException("reading",
                new RecordMapper.MissingSourceColumnException(new Field("address", "Адрес объекта", "Address", "Адрес",
                        FieldType.STRING, false, null), "Адрес объекта", Set.of("id", "Адрес"))));

        DepartmentMessage message = RunFailures.explain(wrapped.getCause());

        assertThat(message.russian()).startsWith("В источнике нет столбца «Адрес объекта», из которого берётся поле "
                + "«address».");
        assertThat(message.text()).contains(" Подробности: reading (cause: the source has no column 'Адрес объекта' for "
                + "field 'address'");
    }

    @Test
    void aRefusedConnectionIsAnUnreachableSource() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ConnectException refused = null;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", closed), 2000);
        } catch (ConnectException e) {
            refused = e;
        }
        assertThat(refused).as("nothing listens on port %s", closed).isNotNull();

        assertThat(RunFailures.explain(new UncheckedIOException("cannot read", refused)).russian())
                .isEqualTo(RunFailures.UNREACHABLE);
        assertThat(RunFailures.explain(new IllegalStateException(new UnknownHostException("db.invalid"))).russian())
                .startsWith("Источник данных недоступен: имя сервера не найдено.");
    }

    @Test
    void aDatabaseErrorIsToldByItsSqlState() {
        assertThat(List.of("08001", "28P01", "42P01", "57014").stream()
                .map(state -> RunFailures.explain(new SQLException("error", state)).russian()))
                .satisfiesExactly(
                        connection -> assertThat(connection).isEqualTo(RunFailures.UNREACHABLE),
                        password -> assertThat(password).startsWith("База данных не приняла имя пользователя или пароль."),
                        query -> assertThat(query).startsWith("База данных не может выполнить запрос (query)"),
                        other -> assertThat(other).startsWith("База данных вернула ошибку при чтении данных."));
    }

    @Test
    void anSftpServerThatRefusesTheKeyOrTheLoginIsNamedAsSuch() {
        assertThat(RunFailures.explain(new IOException(new IOException("reject HostKey: localhost"))).russian())
                .startsWith("SFTP-сервер источника предъявил неизвестный или изменившийся ключ");
        assertThat(RunFailures.explain(new IOException("Auth fail")).russian())
                .startsWith("Сервер источника не принял имя пользователя, пароль или ключ.");
    }

    @Test
    void anythingElseStillReadsInRussianWithItsDetail() {
        DepartmentMessage message = RunFailures.explain(new IllegalStateException("something odd"));

        assertThat(message.text()).isEqualTo(RunFailures.OTHER + " Подробности: something odd");
    }
}
