package dev.switchyard.routing;

import dev.switchyard.config.RouteRuleConfig;
import dev.switchyard.pipeline.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The {@code routes:} rules, first match wins: which model a request goes to instead of the one it named. */
final class RouteRules {
  private RouteRules() {}

  /** The index and rule that sends this request elsewhere, if one does. */
  static Optional<Match> find(List<RouteRuleConfig> rules, String model, Principal principal,
      UnaryOperator<String> header) {
    for (int i = 0; i < rules.size(); i++) {
      RouteRuleConfig rule = rules.get(i);
      if (matches(rule, model, principal, header)) {
        return Optional.of(new Match(i, rule));
      }
    }
    return Optional.empty();
  }

  record Match(int index, RouteRuleConfig rule) {}

  private static boolean matches(RouteRuleConfig rule, String model, Principal principal,
      UnaryOperator<String> header) {
    if (rule.model().isPresent() && !modelMatches(rule.model().get(), model)) {
      return false;
    }
    if (rule.key().isPresent() && !rule.key().get().equals(principal.keyId()) && !rule.key().get().equals(principal.name())) {
      return false;
    }
    for (Map.Entry<String, String> wanted : rule.headers().entrySet()) {
      String value = header.apply(wanted.getKey().toLowerCase(Locale.ROOT));
      if (value == null || !value.trim().equalsIgnoreCase(wanted.getValue())) {
        return false;
      }
    }
    for (Map.Entry<String, String> wanted : rule.metadata().entrySet()) {
      if (!wanted.getValue().equals(principal.metadata().get(wanted.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean modelMatches(String pattern, String model) {
    return pattern.contains("*") ? ModelRouter.match(pattern, model).isPresent() : pattern.equals(model);
  }
}
