package io.github.whatsapphelpdesk.examples.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line options of one subcommand: {@code --name value}, {@code --name=value}, boolean
 * {@code --flag}s and positional arguments. Unknown options are an error naming every one of them.
 */
public final class Args {
  private final Map<String, String> options = new LinkedHashMap<>();
  private final Set<String> flags = new LinkedHashSet<>();
  private final List<String> positional = new ArrayList<>();

  private Args() {}

  /**
   * Parses {@code args}.
   *
   * @param valued the options that take a value (without {@code --})
   * @param booleans the flags (without {@code --})
   * @throws UsageException for an unknown option or an option without its value
   */
  public static Args parse(List<String> args, Set<String> valued, Set<String> booleans) {
    Args a = new Args();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.equals("--")) {
        a.positional.add(arg);
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (booleans.contains(name) && value == null) {
        a.flags.add(name);
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size()) {
            problems.add("--" + name + " needs a value");
            continue;
          }
          value = args.get(++i);
        }
        a.options.put(name, value);
      } else {
        problems.add("unknown option --" + name);
      }
    }
    if (!problems.isEmpty()) {
      throw new UsageException(String.join("; ", problems));
    }
    return a;
  }

  /** The value of {@code --name}. */
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /** The value of {@code --name}, or the default. */
  public String option(String name, String defaultValue) {
    return options.getOrDefault(name, defaultValue);
  }

  /** An integer option within bounds. */
  public int intOption(String name, int defaultValue, int min, int max) {
    String v = options.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < min || n > max) {
        throw new UsageException("--" + name + " must be between " + min + " and " + max + ", got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number");
    }
  }

  /** True when {@code --name} was given. */
  public boolean flag(String name) {
    return flags.contains(name);
  }

  /** The positional arguments. */
  public List<String> positional() {
    return List.copyOf(positional);
  }

  /** Wrong command-line usage (exit code 2). */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With the message shown to the user. */
    public UsageException(String message) {
      super(message);
    }
  }
}
