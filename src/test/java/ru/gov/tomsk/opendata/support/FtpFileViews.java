package ru.gov.tomsk.opendata.support;

import java.io.File;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpFile;

/** MINA FtpServer's view of the disk, changed the way other FTP servers differ from it (see {@link TestFtpServer}). */
final class FtpFileViews {

    private FtpFileViews() {
    }

    /**
     * {@code view} with every time it reports {@code millisBehind} early, and, when {@code replaceOnRename}, a rename
     * that replaces an existing target in one step (rename(2), as vsftpd, ProFTPD and Pure-FTPd do).
     */
    static FileSystemView unlike(FileSystemView view, long millisBehind, boolean replaceOnRename) {
        return (FileSystemView) Proxy.newProxyInstance(FileSystemView.class.getClassLoader(),
                new Class<?>[] {FileSystemView.class}, new Unlike(view, millisBehind, replaceOnRename));
    }

    /**
     * Answers for a view or a file of the real file system; files it returns are wrapped too, and wrapped files given
     * back to MINA (a rename's target) are unwrapped, as MINA casts them.
     */
    private record Unlike(Object target, long millisBehind, boolean replaceOnRename) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object[] real = args == null ? null : Arrays.stream(args).map(Unlike::unwrap).toArray();
            if (replaceOnRename && method.getName().equals("move") && real[0] instanceof FtpFile to) {
                File from = (File) ((FtpFile) target).getPhysicalFile();
                Files.move(from.toPath(), ((File) to.getPhysicalFile()).toPath(),
                        StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
            Object result;
            try {
                result = method.invoke(target, real);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (method.getName().equals("getLastModified")) {
                return (Long) result - millisBehind;
            }
            if (result instanceof FtpFile file) {
                return wrap(file);
            }
            if (method.getName().equals("listFiles") && result != null) {
                return ((List<?>) result).stream().map(f -> wrap((FtpFile) f)).toList();
            }
            return result;
        }

        private FtpFile wrap(FtpFile file) {
            return (FtpFile) Proxy.newProxyInstance(FtpFile.class.getClassLoader(), new Class<?>[] {FtpFile.class},
                    new Unlike(file, millisBehind, replaceOnRename));
        }

        private static Object unwrap(Object arg) {
            return arg != null && Proxy.isProxyClass(arg.getClass())
                    && Proxy.getInvocationHandler(arg) instanceof Unlike unlike ? unlike.target() : arg;
        }
    }
}
