package io.github.whatsapphelpdesk.examples.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** One CLI subcommand. */
public interface Command {
  /** The subcommand's name, for example {@code preflight}. */
  String name();

  /** One line for the command list. */
  String summary();

  /** The full usage text. */
  String usage();

  /**
   * Runs the subcommand.
   *
   * @return the process exit code: 0 success, 1 the check failed, 2 wrong usage or configuration
   */
  int run(List<String> args, Console console) throws Exception;

  /**
   * Where a command writes and what it reads from its environment.
   *
   * @param out standard output (results)
   * @param err standard error (progress, problems)
   * @param env the environment variables
   */
  record Console(PrintStream out, PrintStream err, Map<String, String> env) {}
}
