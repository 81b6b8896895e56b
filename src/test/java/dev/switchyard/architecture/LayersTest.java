package dev.switchyard.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Switchyard's packages depend one way down, as the README's architecture section draws them: the
 * server on top; request policies and routing above forwarding; forwarding above the pipeline; the
 * protocol codecs below both; {@code canonical} depending on nothing of Switchyard's; providers'
 * transports, config and storage at the bottom. A new dependency against that order fails here.
 */
class LayersTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.switchyard");

  @Test
  void packagesFormNoCycles() {
    slices().matching("dev.switchyard.(**)").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void eachLayerUsesOnlyTheLayersBelowIt() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Launcher").definedBy("dev.switchyard")
        .layer("Server").definedBy("dev.switchyard.server..")
        .layer("Admin").definedBy("dev.switchyard.admin..")
        .layer("Assembly").definedBy("dev.switchyard.gateway..")
        .layer("Policies").definedBy("dev.switchyard.policy..", "dev.switchyard.routing..")
        .layer("Forwarding").definedBy("dev.switchyard.forwarding..")
        .layer("Pipeline").definedBy("dev.switchyard.pipeline..")
        .layer("Simulator").definedBy("dev.switchyard.simulator..")
        .layer("Protocols").definedBy("dev.switchyard.protocol.openai..", "dev.switchyard.protocol.anthropic..",
            "dev.switchyard.protocol.gemini..")
        .layer("Codecs").definedBy("dev.switchyard.protocol")
        .layer("Http").definedBy("dev.switchyard.http..")
        .layer("Media").definedBy("dev.switchyard.media..")
        .layer("Metering").definedBy("dev.switchyard.metering..")
        .layer("Streams").definedBy("dev.switchyard.sse..")
        .layer("Canonical").definedBy("dev.switchyard.canonical..")
        .layer("Providers").definedBy("dev.switchyard.provider..")
        .layer("Storage").definedBy("dev.switchyard.storage..")
        .layer("Config").definedBy("dev.switchyard.config..")
        .layer("Foundation").definedBy("dev.switchyard.error..", "dev.switchyard.json..", "dev.switchyard.logging..")

        .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
        .whereLayer("Server").mayOnlyBeAccessedByLayers("Launcher")
        .whereLayer("Admin").mayOnlyBeAccessedByLayers("Server")
        .whereLayer("Assembly").mayOnlyBeAccessedByLayers("Launcher", "Server", "Admin")
        .whereLayer("Policies").mayOnlyBeAccessedByLayers("Launcher", "Server", "Admin", "Assembly")
        .whereLayer("Forwarding").mayOnlyBeAccessedByLayers("Assembly")
        .whereLayer("Pipeline").mayOnlyBeAccessedByLayers("Server", "Admin", "Assembly", "Policies", "Forwarding")
        .whereLayer("Simulator").mayOnlyBeAccessedByLayers("Assembly")
        .whereLayer("Protocols").mayOnlyBeAccessedByLayers("Server", "Assembly", "Simulator", "Http")
        .whereLayer("Codecs").mayOnlyBeAccessedByLayers("Server", "Assembly", "Forwarding", "Pipeline", "Simulator",
            "Protocols")
        .whereLayer("Http").mayOnlyBeAccessedByLayers("Server", "Admin")
        .whereLayer("Media").mayOnlyBeAccessedByLayers("Assembly", "Forwarding")
        .whereLayer("Canonical").mayOnlyBeAccessedByLayers("Assembly", "Forwarding", "Pipeline", "Protocols",
            "Codecs", "Media", "Metering", "Simulator")
        .whereLayer("Providers").mayOnlyBeAccessedByLayers("Assembly", "Policies", "Forwarding",
            "Pipeline", "Simulator", "Protocols", "Codecs")
        .check(CLASSES);
  }

  @Test
  void theCanonicalModelDependsOnNothingOfSwitchyards() {
    noClasses().that().resideInAPackage("dev.switchyard.canonical..")
        .should().dependOnClassesThat(resideInAPackage("dev.switchyard..")
            .and(not(resideInAPackage("dev.switchyard.canonical.."))))
        .check(CLASSES);
  }
}
