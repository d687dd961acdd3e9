package ru.gov.tomsk.opendata.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import ru.gov.tomsk.opendata.support.SshKeys;
import ru.gov.tomsk.opendata.support.SshKeys.Format;
import ru.gov.tomsk.opendata.support.SshKeys.Type;
import ru.gov.tomsk.opendata.support.TestSftpServer;

/**
 * The SFTP target's login and host-key checking against a real SSH server (Apache MINA SSHD): client keys of
 * every type {@code ssh-keygen} makes, in every file format it writes, with and without a passphrase; host keys
 * of every type OpenSSH offers; and a server with which no key exchange is possible, reported as that.
 * Keys are generated per test, in Java and by ssh-keygen itself where it is installed: none is committed.
 */
class SftpKeysTest {

    static final String USER = "portal";
    static final String PASSPHRASE = "Ключ&Pass+7 с пробелом";
    static final String PASSWORD = "Пароль&Sftp+42";

    @TempDir
    Path serverRoot;
    @TempDir
    Path keys;

    TestSftpServer server;
    /** The server-side host-key algorithm each session negotiated. */
    final List<String> negotiatedHostKeys = new ArrayList<>();

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Every key type in every format ssh-keygen writes for it (ed25519 has no PKCS#1/SEC1 form), encrypted and not. */
    static Stream<Arguments> clientKeys() {
        List<Arguments> all = new ArrayList<>();
        for (Type type : Type.values()) {
            for (Format format : Format.values()) {
                if (type == Type.ED25519 && format == Format.PEM) {
                    continue;
                }
                all.add(Arguments.of(type, format, false));
                all.add(Arguments.of(type, format, true));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} client key, {1} format, encrypted: {2}")
    @MethodSource("clientKeys")
    void aClientKeyOfEveryTypeAndFormatLogsInAndUploads(Type type, Format format, boolean encrypted) throws Exception {
        KeyPair clientKey = type.generate();
        Path keyFile = SshKeys.write(clientKey, format, encrypted ? PASSPHRASE : null, keys.resolve("id_" + type));
        assertThat(SshKeys.header(keyFile)).isEqualTo(expectedHeader(type, format, encrypted));
        if (format == Format.PEM && encrypted) {
            assertThat(Files.readString(keyFile)).contains("Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC,");
        }
        KeyPair hostKey = Type.ED25519.generate();
        start(List.of(hostKey), clientKey);

        SftpTarget target = target(keyFile, encrypted ? PASSPHRASE : null, knownHosts(hostKey));
        try (RemoteTarget.Session session = target.open()) {
            session.mkdirs("upload");
            session.upload("upload/file.csv", new ByteArrayInputStream("ok\n".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(serverRoot.resolve("upload/file.csv")).hasContent("ok");
    }

    /** What {@code ssh-keygen -m} writes for each type (ed25519 is always written in OpenSSH's format). */
    static Stream<Arguments> sshKeygenKeys() {
        List<Arguments> all = new ArrayList<>();
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            for (String format : type.equals("ed25519") ? List.of("RFC4716") : List.of("RFC4716", "PEM", "PKCS8")) {
                all.add(Arguments.of(type, format, false));
                all.add(Arguments.of(type, format, true));
            }
        }
        return all.stream();
    }

    /**
     * The files an operator has, made by OpenSSH's own ssh-keygen at test time (skipped where it is not installed;
     * the cases above write the same formats without it).
     */
    @ParameterizedTest(name = "ssh-keygen -t {0} -m {1}, passphrase: {2}")
    @MethodSource("sshKeygenKeys")
    void aKeyMadeBySshKeygenLogsIn(String type, String format, boolean encrypted) throws Exception {
        Path sshKeygen = onPath("ssh-keygen");
        assumeTrue(sshKeygen != null, "ssh-keygen is not installed");
        Path keyFile = keys.resolve("id_" + type);
        runTool(List.of(sshKeygen.toString(), "-q", "-t", type, "-m", format,
                "-N", encrypted ? PASSPHRASE : "", "-C", "opendata@test", "-f", keyFile.toString()));
        PublicKey publicKey = PublicKeyEntry.parsePublicKeyEntry(Files.readString(keys.resolve("id_" + type + ".pub")).strip())
                .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
        KeyPair hostKey = Type.ED25519.generate();
        start(List.of(hostKey), new KeyPair(publicKey, null));

        try (RemoteTarget.Session session = target(keyFile, encrypted ? PASSPHRASE : null, knownHosts(hostKey)).open()) {
            session.mkdirs("upload");
        }
        assertThat(serverRoot.resolve("upload")).isDirectory();
    }

    /** Runs a key tool (no input: it never waits for a prompt) and checks it succeeded, showing its output if not. */
    private static void runTool(List<String> command) throws Exception {
        Process tool = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertThat(tool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tool.exitValue()).as(new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    /** An ed25519 key as OpenSSL writes it (PKCS#8, v1), which ssh-keygen does not write. */
    @ParameterizedTest(name = "openssl genpkey -algorithm ed25519, passphrase: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void anEd25519KeyMadeByOpensslLogsIn(boolean encrypted) throws Exception {
        Path openssl = onPath("openssl");
        assumeTrue(openssl != null, "openssl is not installed");
        Path keyFile = keys.resolve("id_ed25519.pem");
        List<String> command = new ArrayList<>(List.of(openssl.toString(), "genpkey", "-algorithm", "ed25519",
                "-out", keyFile.toString()));
        if (encrypted) {
            command.addAll(List.of("-aes-256-cbc", "-pass", "pass:" + PASSPHRASE));
        }
        runTool(command);
        assertThat(SshKeys.header(keyFile)).isEqualTo(encrypted ? "-----BEGIN ENCRYPTED PRIVATE KEY-----" : "-----BEGIN PRIVATE KEY-----");
        KeyPair hostKey = Type.ED25519.generate();
        // the server checks the signature made with the private key against the public key offered with it
        List<String> offered = new ArrayList<>();
        start(List.of(hostKey), null, null, (user, key, session) -> offered.add(KeyUtils.getKeyType(key)));

        try (RemoteTarget.Session session = target(keyFile, encrypted ? PASSPHRASE : null, knownHosts(hostKey)).open()) {
            session.mkdirs("upload");
        }
        assertThat(offered).contains("ssh-ed25519");
        assertThat(serverRoot.resolve("upload")).isDirectory();
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void aKeyTheServerDoesNotAcceptIsARefusedLogin() throws Exception {
        Path keyFile = SshKeys.write(Type.ED25519.generate(), Format.OPENSSH, null, keys.resolve("id_ed25519"));
        KeyPair hostKey = Type.ED25519.generate();
        start(List.of(hostKey), Type.ED25519.generate());

        assertThatThrownBy(() -> target(keyFile, null, knownHosts(hostKey)).open())
                .hasMessageStartingWith("login refused for user 'portal' by localhost:" + server.port()
                        + " (check opendata.targets.portal.remote.private-key-file)");
    }

    /** OpenSSH with PAM asks for the password through keyboard-interactive only. */
    @Test
    void aPasswordIsAlsoGivenToAServerThatAsksForItByKeyboardInteractive() throws Exception {
        KeyPair hostKey = Type.ED25519.generate();
        server = TestSftpServer.serving(serverRoot).hostKeys(hostKey).configure(ssh -> {
            ssh.setKeyboardInteractiveAuthenticator(new DefaultKeyboardInteractiveAuthenticator());
            ssh.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
            ssh.setUserAuthFactories(List.of(UserAuthKeyboardInteractiveFactory.INSTANCE));
        }).start();
        PublishProperties.Remote remote = new PublishProperties.Remote("localhost", server.port(), USER, PASSWORD, null,
                null, knownHosts(hostKey), true, "", Duration.ofSeconds(60), Duration.ofSeconds(60));

        try (RemoteTarget.Session session = new SftpTarget("portal", remote, null).open()) {
            session.mkdirs("upload");
        }
        assertThat(serverRoot.resolve("upload")).isDirectory();
    }

    @Test
    void anEncryptedKeyWithoutItsPassphraseNamesTheSettingToSet() throws Exception {
        KeyPair clientKey = Type.ED25519.generate();
        Path keyFile = SshKeys.write(clientKey, Format.OPENSSH, PASSPHRASE, keys.resolve("id_ed25519"));
        KeyPair hostKey = Type.ED25519.generate();
        start(List.of(hostKey), clientKey);

        assertThatThrownBy(() -> target(keyFile, null, knownHosts(hostKey)).open())
                .hasMessageStartingWith(keyFile + ": cannot read the private key (opendata.targets.portal.remote.private-key-file): "
                        + "the key is encrypted and opendata.targets.portal.remote.private-key-passphrase is not set");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    void aWrongPassphraseIsReportedWithoutShowingIt(Format format) throws Exception {
        KeyPair clientKey = Type.ECDSA.generate();
        Path keyFile = SshKeys.write(clientKey, format, PASSPHRASE, keys.resolve("id_ecdsa"));
        KeyPair hostKey = Type.ED25519.generate();
        start(List.of(hostKey), clientKey);
        String wrong = "wrong-" + PASSPHRASE;

        assertThatThrownBy(() -> target(keyFile, wrong, knownHosts(hostKey)).open())
                .hasMessageStartingWith(keyFile + ": cannot read the private key (opendata.targets.portal.remote.private-key-file): "
                        + "the key is encrypted and opendata.targets.portal.remote.private-key-passphrase does not decrypt it")
                .hasMessageNotContaining(wrong).hasMessageNotContaining(PASSPHRASE);
    }

    @Test
    void aServerWithOnlyAnEd25519HostKeyIsReached() throws Exception {
        KeyPair clientKey = Type.RSA.generate();
        Path keyFile = SshKeys.write(clientKey, Format.OPENSSH, null, keys.resolve("id_rsa"));
        KeyPair hostKey = Type.ED25519.generate();
        start(List.of(hostKey), clientKey);

        try (RemoteTarget.Session session = target(keyFile, null, knownHosts(hostKey)).open()) {
            assertThat(session.list("")).isEmpty();
        }
        assertThat(negotiatedHostKeys).containsExactly("ssh-ed25519");
    }

    /**
     * An OpenSSH server offers an ed25519, an ecdsa and an rsa host key; known_hosts may hold any one of them (an
     * operator who ran {@code ssh-keyscan -t <type>}): the client asks for that one, as OpenSSH's client does.
     */
    @ParameterizedTest(name = "known_hosts holds only the {0} host key")
    @EnumSource(Type.class)
    void aServerWithOpenSshsDefaultHostKeysIsAcceptedByWhicheverIsKnown(Type known) throws Exception {
        KeyPair clientKey = Type.ED25519.generate();
        Path keyFile = SshKeys.write(clientKey, Format.OPENSSH, PASSPHRASE, keys.resolve("id_ed25519"));
        Map<Type, KeyPair> hostKeys = new ConcurrentHashMap<>();
        for (Type type : Type.values()) {
            hostKeys.put(type, type.generate());
        }
        start(List.of(hostKeys.get(Type.RSA), hostKeys.get(Type.ECDSA), hostKeys.get(Type.ED25519)), clientKey);

        try (RemoteTarget.Session session = target(keyFile, PASSPHRASE, knownHosts(hostKeys.get(known))).open()) {
            assertThat(session.list("")).isEmpty();
        }
        // rsa keys sign with SHA-2 as OpenSSH requires since 8.8 (ssh-rsa, SHA-1, is off there by default)
        assertThat(negotiatedHostKeys).containsExactly(switch (known) {
            case ED25519 -> "ssh-ed25519";
            case ECDSA -> "ecdsa-sha2-nistp256";
            case RSA -> "rsa-sha2-512";
        });
    }

    @Test
    void anUnknownHostKeyIsStillRefusedWhenItsTypeIsOfferedToo() throws Exception {
        KeyPair clientKey = Type.ED25519.generate();
        Path keyFile = SshKeys.write(clientKey, Format.OPENSSH, null, keys.resolve("id_ed25519"));
        KeyPair hostKey = Type.ED25519.generate();
        start(List.of(hostKey), clientKey);

        assertThatThrownBy(() -> target(keyFile, null, knownHosts(Type.ED25519.generate())).open())
                .hasMessageStartingWith("host key ssh-ed25519 " + KeyUtils.getFingerPrint(hostKey.getPublic())
                        + " of localhost:" + server.port() + " is not accepted by");
    }

    @Test
    void aKeyExchangeThatCannotBeAgreedIsReportedAsThatAndNotAsARefusedLogin() throws Exception {
        KeyPair clientKey = Type.ED25519.generate();
        Path keyFile = SshKeys.write(clientKey, Format.OPENSSH, null, keys.resolve("id_ed25519"));
        // a server that can sign only with DSA, which neither OpenSSH (since 7.0) nor this client accepts
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_DSS, 1024);
        start(List.of(hostKey), clientKey, List.of(BuiltinSignatures.dsa), null);

        assertThatThrownBy(() -> target(keyFile, null, knownHosts(hostKey)).open())
                .hasMessageStartingWith("key exchange with localhost:" + server.port() + " failed, before any login: "
                        + "no common server_host_key algorithm (client: ")
                // both sides' lists: what to change on which side
                .hasMessageContaining("ssh-ed25519,").hasMessageContaining("rsa-sha2-512,").hasMessageEndingWith("server: ssh-dss)")
                .hasMessageNotContaining("login refused");
    }

    private void start(List<KeyPair> hostKeys, KeyPair clientKey) throws Exception {
        start(hostKeys, clientKey, null, null);
    }

    /** {@code clientKey} is the one the server accepts; {@code authenticator}, when given, decides instead. */
    private void start(List<KeyPair> hostKeys, KeyPair clientKey, List<BuiltinSignatures> signatures,
                       PublickeyAuthenticator authenticator) throws Exception {
        TestSftpServer.Builder builder = TestSftpServer.serving(serverRoot).hostKeys(hostKeys.toArray(KeyPair[]::new));
        if (clientKey != null) {
            builder.publicKey(USER, clientKey.getPublic());
        }
        server = builder.configure(ssh -> {
            if (signatures != null) {
                ssh.setSignatureFactories(new ArrayList<>(signatures));
            }
            if (authenticator != null) {
                ssh.setPublickeyAuthenticator(authenticator);
            }
            ssh.addSessionListener(new SessionListener() {
                @Override
                public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> clientProposal,
                                                  Map<KexProposalOption, String> serverProposal,
                                                  Map<KexProposalOption, String> negotiatedOptions, Throwable reason) {
                    if (reason == null) {
                        synchronized (negotiatedHostKeys) {
                            negotiatedHostKeys.add(negotiatedOptions.get(KexProposalOption.SERVERKEYS));
                        }
                    }
                }
            });
        }).start();
    }

    private Path knownHosts(KeyPair hostKey) throws IOException {
        return Files.writeString(keys.resolve("known_hosts"),
                "# written as ssh-keyscan -p writes it\n" + server.knownHostsLine(hostKey) + "\n");
    }

    private SftpTarget target(Path keyFile, String passphrase, Path knownHosts) {
        PublishProperties.Remote remote = new PublishProperties.Remote("localhost", server.port(), USER, null, keyFile,
                passphrase, knownHosts, true, "", Duration.ofSeconds(60), Duration.ofSeconds(60));
        return new SftpTarget("portal", remote, null);
    }

    private static String expectedHeader(Type type, Format format, boolean encrypted) {
        return switch (format) {
            case OPENSSH -> "-----BEGIN OPENSSH PRIVATE KEY-----";
            case PEM -> type == Type.RSA ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----";
            case PKCS8 -> encrypted ? "-----BEGIN ENCRYPTED PRIVATE KEY-----" : "-----BEGIN PRIVATE KEY-----";
        };
    }
}
