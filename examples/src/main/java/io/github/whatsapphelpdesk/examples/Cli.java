package io.github.whatsapphelpdesk.examples;

import io.github.whatsapphelpdesk.examples.internal.Args;
import io.github.whatsapphelpdesk.examples.internal.Command;
import io.github.whatsapphelpdesk.examples.internal.DemoCommand;
import io.github.whatsapphelpdesk.examples.internal.ParseWebhookCommand;
import io.github.whatsapphelpdesk.examples.internal.PreflightCommand;
import io.github.whatsapphelpdesk.examples.internal.RedriveCommand;
import io.github.whatsapphelpdesk.examples.internal.SandboxCommand;
import io.github.whatsapphelpdesk.examples.internal.ServeCommand;
import io.github.whatsapphelpdesk.examples.internal.VerifySignatureCommand;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command-line entry point of the executable jar: {@code java -jar examples-<version>-cli.jar <command>}
 * with the commands {@code demo}, {@code serve}, {@code sandbox}, {@code verify-signature},
 * {@code parse-webhook}, {@code preflight} and {@code redrive}. {@code <command> --help} prints a command's usage.
 *
 * <p>Exit codes: 0 success, 1 a check failed (no signature match, a preflight FAIL, bad webhook input,
 * a demo expectation not met), 2 wrong usage or configuration.
 */
public final class Cli {
  /** Exit code for success. */
  public static final int OK = 0;
  /** Exit code when the command ran but its check failed. */
  public static final int FAILED = 1;
  /** Exit code for wrong usage or invalid configuration. */
  public static final int USAGE = 2;

  private static final List<Command> COMMANDS = List.of(new DemoCommand(), new ServeCommand(),
      new SandboxCommand(), new VerifySignatureCommand(), new ParseWebhookCommand(), new PreflightCommand(),
      new RedriveCommand());

  private Cli() {}

  /** Runs the command and exits with its code (only a non-zero code calls {@link System#exit}). */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, out, err, System.getenv());
    out.flush();
    err.flush();
    if (code != OK) {
      System.exit(code);
    }
  }

  /**
   * Runs one command without exiting the JVM.
   *
   * @return the exit code
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      printCommands(args.length == 0 ? err : out);
      return args.length == 0 ? USAGE : OK;
    }
    Command command = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
    if (command == null) {
      err.println("unknown command '" + args[0] + "'");
      printCommands(err);
      return USAGE;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (rest.contains("--help") || rest.contains("-h")) {
      out.println(command.usage());
      return OK;
    }
    try {
      return command.run(rest, new Command.Console(out, err, env));
    } catch (Args.UsageException e) {
      err.println(command.name() + ": " + e.getMessage());
      err.println();
      err.println(command.usage());
      return USAGE;
    } catch (ConfigException e) {
      err.println(command.name() + ": " + e.getMessage());
      return USAGE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(command.name() + ": interrupted");
      return FAILED;
    } catch (Exception e) {
      err.println(command.name() + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return FAILED;
    }
  }

  private static void printCommands(PrintStream out) {
    out.println("usage: java -jar whatsapp-helpdesk-cli.jar <command> [options]   (<command> --help for details)");
    out.println();
    for (Command c : COMMANDS) {
      out.printf("  %-17s %s%n", c.name(), c.summary());
    }
  }
}
