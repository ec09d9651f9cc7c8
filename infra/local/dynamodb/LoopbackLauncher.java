import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Starts AWS's DynamoDB Local bound to ONE host address instead of every interface, and makes it
 * die with the process that started it.
 *
 * Why: DynamoDB Local 1.25 has no host option; its DynamoDBProxyServer builds Jetty's
 * {@code new Server(port)}, which listens on 0.0.0.0. This launcher builds the server exactly as
 * the jar's own main class does (ServerRunner.createServerFromCommandLineArgs), sets host and port
 * on the Jetty connector before it starts, and prints the bound address. DynamoDB Local's -port
 * refuses 0, so it is given a placeholder and the real port (0 = any free port) is set here.
 *
 * The parent keeps our stdin open; when it goes away (even killed with SIGKILL) stdin reaches end
 * of file and we exit, so no orphan JVM is left behind.
 *
 * Usage (compiled, or as a Java 11+ single-file source program):
 *   java -Djava.library.path=DIR/DynamoDBLocal_lib -cp DIR/DynamoDBLocal.jar LoopbackLauncher.java
 *        HOST PORT [DynamoDB Local arguments without -port...]
 * Prints "MEDIAGRAPH_DYNAMODB_LOCAL_LISTENING host port" on stdout once listening.
 */
public class LoopbackLauncher {
  private static final String PLACEHOLDER_PORT = "8000";

  public static void main(String[] args) {
    try {
      start(args);
    } catch (Throwable failure) {
      // Jetty's non-daemon threads would keep a half-started JVM alive: exit so the parent sees it.
      failure.printStackTrace();
      System.exit(1);
    }
  }

  private static void start(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: LoopbackLauncher HOST PORT [DynamoDB Local arguments...]");
      System.exit(2);
    }
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String[] localArgs = Arrays.copyOf(Arrays.copyOfRange(args, 2, args.length), args.length);
    localArgs[args.length - 2] = "-port";
    localArgs[args.length - 1] = PLACEHOLDER_PORT;

    exitWhenParentGoes();

    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(localArgs);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server server = (Server) field.get(proxy);
    for (Connector connector : server.getConnectors()) {
      ServerConnector serverConnector = (ServerConnector) connector;
      serverConnector.setHost(host);
      serverConnector.setPort(port);
    }
    proxy.start();
    if (!server.isStarted()) {
      System.err.println("DynamoDB Local did not start on " + host + ":" + port);
      System.exit(1);
    }
    for (Connector connector : server.getConnectors()) {
      ServerConnector bound = (ServerConnector) connector;
      System.out.println("MEDIAGRAPH_DYNAMODB_LOCAL_LISTENING " + bound.getHost() + " " + bound.getLocalPort());
    }
    System.out.flush();
  }

  private static void exitWhenParentGoes() {
    Thread watchdog = new Thread(() -> {
      InputStream in = System.in;
      byte[] buffer = new byte[256];
      try {
        while (in.read(buffer) >= 0) {
          // Ignore anything written; only end of file matters.
        }
      } catch (Exception ignored) {
        // A broken pipe means the parent is gone too.
      }
      System.exit(0);
    }, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
