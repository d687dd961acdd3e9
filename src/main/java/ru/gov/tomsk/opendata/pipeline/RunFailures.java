package ru.gov.tomsk.opendata.pipeline;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import ru.gov.tomsk.opendata.dataset.DepartmentMessage;
import ru.gov.tomsk.opendata.dataset.ExplainedFailure;

/**
 * Why a run failed, as the run log keeps it for the department: plain Russian first, then «Подробности: » and the
 * technical reason that the log has too. The service's own readers say in Russian what went wrong
 * ({@link ExplainedFailure}); a library's failure is told by its type: a connection refused, a name not found, a
 * password refused, a query the database does not understand.
 */
public final class RunFailures {

    static final String UNREACHABLE = "Источник данных недоступен: сервер не принимает соединения (выключен, "
            + "указан неверный адрес или порт, или закрыт сетевой доступ). Следующий запуск пройдёт по расписанию; "
            + "если ошибка повторяется, обратитесь в ИТ-отдел.";
    static final String OTHER = "Запуск завершился ошибкой. Если она повторится, перешлите подробности в ИТ-отдел.";

    private RunFailures() {
    }

    /** The failure with {@link FeedRunFailedException#describe} as its technical detail. */
    public static DepartmentMessage explain(Throwable error) {
        return explain(error, FeedRunFailedException.describe(error));
    }

    /** @param technical the reason as the log has it, when the caller adds what the cause does not say (the server) */
    public static DepartmentMessage explain(Throwable error, String technical) {
        return new DepartmentMessage(russian(error), technical);
    }

    static String russian(Throwable error) {
        List<Throwable> chain = chain(error);
        for (Throwable t : chain) {
            if (t instanceof ExplainedFailure explained) {
                return explained.russian();
            }
        }
        for (Throwable t : chain) {
            String russian = byType(t);
            if (russian != null) {
                return russian;
            }
        }
        return OTHER;
    }

    private static String byType(Throwable t) {
        String message = String.valueOf(t.getMessage());
        if (message.startsWith("HostKey has been changed") || message.startsWith("reject HostKey")
                || message.startsWith("UnknownHostKey")) {
            // JSch: the SFTP server's key is not the one the service knows
            return "SFTP-сервер источника предъявил неизвестный или изменившийся ключ, и служба не стала с ним "
                    + "соединяться. Обратитесь в ИТ-отдел: ключ сервера нужно сверить с его владельцем.";
        }
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")
                || t.getClass().getName().startsWith("org.apache.camel.component.file") && message.matches("(?s).*\\b530\\b.*")) {
            // JSch's refused login; an FTP server's reply 530 (not logged in), as Camel's file components pass it on
            return "Сервер источника не принял имя пользователя, пароль или ключ. Попросите ИТ-отдел проверить "
                    + "учётные данные, которые служба использует для этого источника.";
        }
        if (t instanceof UnknownHostException) {
            return "Источник данных недоступен: имя сервера не найдено. Проверьте адрес сервера в описании набора "
                    + "или обратитесь в ИТ-отдел.";
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return UNREACHABLE;
        }
        if (t instanceof SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException) {
            return "Источник данных не ответил вовремя. Следующий запуск пройдёт по расписанию; если ошибка "
                    + "повторяется, обратитесь в ИТ-отдел.";
        }
        if (t instanceof javax.net.ssl.SSLException) {
            return "Не удалось установить защищённое соединение с источником данных (сертификат сервера не принят). "
                    + "Обратитесь в ИТ-отдел.";
        }
        if (t instanceof SQLException sql) {
            return database(sql.getSQLState());
        }
        if (t instanceof NoSuchFileException || t instanceof java.io.FileNotFoundException) {
            return "Папка или файл источника не найдены. Проверьте путь в описании набора или обратитесь в ИТ-отдел.";
        }
        if (t instanceof CharacterCodingException) {
            return "Файл с данными не принят: он сохранён не в той кодировке, что ожидалась. Сохраните его в UTF-8 "
                    + "или укажите его кодировку в описании набора.";
        }
        return null;
    }

    /** By the SQLSTATE class: 08 connection, 28 authorization, 42 syntax or a missing table or column. */
    private static String database(String state) {
        String category = state == null || state.length() < 2 ? "" : state.substring(0, 2);
        return switch (category) {
            case "08" -> UNREACHABLE;
            case "28" -> "База данных не приняла имя пользователя или пароль. Обратитесь в ИТ-отдел: учётные данные "
                    + "источника задаются в настройках службы.";
            case "42" -> "База данных не может выполнить запрос (query) из описания набора: в нём ошибка, или в базе "
                    + "нет названной в нём таблицы, представления или столбца. Исправьте запрос или обратитесь к "
                    + "администратору базы данных.";
            default -> "База данных вернула ошибку при чтении данных. Если ошибка повторяется, перешлите подробности "
                    + "администратору базы данных или в ИТ-отдел.";
        };
    }

    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && chain.size() < 20 && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
