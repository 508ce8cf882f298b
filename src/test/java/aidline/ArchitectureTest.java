package aidline;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The arrows that must never exist (DESIGN.md, "Floors"), checked on the main classes. A failure
 * names the offending class and dependency; move the class or add a port in the consumer instead of
 * loosening the rule.
 */
class ArchitectureTest {
  /** Features: packages that serve one part of the domain and must not reach the composition root. */
  static final String[] FEATURES = {
    "aidline.answer..", "aidline.knowledge..", "aidline.conversation..", "aidline.channel..", "aidline.console..",
    "aidline.security..", "aidline.student..", "aidline.ticket.."
  };

  static final JavaClasses MAIN =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("aidline");

  @Test
  void onlyAppAndCliDependOnTheCompositionRoot() {
    noClasses().that().resideOutsideOfPackages("aidline.app..", "aidline.cli..")
        .should().dependOnClassesThat().resideInAPackage("aidline.app..")
        .because("app only wires; everything else is wired by it")
        .check(MAIN);
  }

  @Test
  void featuresNeverDependOnAppOrCli() {
    noClasses().that().resideInAnyPackage(FEATURES)
        .should().dependOnClassesThat().resideInAnyPackage("aidline.app..", "aidline.cli..")
        .check(MAIN);
  }

  @Test
  void httpDependsOnNoFeature() {
    noClasses().that().resideInAPackage("aidline.http..")
        .should().dependOnClassesThat(resideInAPackage("aidline..")
            .and(not(resideInAnyPackage("aidline.http..", "aidline.values..", "aidline.config.."))))
        .because("http is a bottom floor: features import it, it imports no feature")
        .check(MAIN);
  }

  @Test
  void sharedValuesAndLifecycleDependOnNothingElseOfOurs() {
    noClasses().that().resideInAnyPackage("aidline.values..", "aidline.lifecycle..")
        .should().dependOnClassesThat(resideInAPackage("aidline..")
            .and(not(resideInAnyPackage("aidline.values..", "aidline.lifecycle.."))))
        .check(MAIN);
  }

  @Test
  void benchIsUsedOnlyByTheCli() {
    noClasses().that().resideOutsideOfPackages("aidline.bench..", "aidline.cli..", "aidline.app..")
        .should().dependOnClassesThat().resideInAPackage("aidline.bench..")
        .check(MAIN);
  }

  @Test
  void demoIsUsedOnlyByTheCliAndTheBench() {
    noClasses().that().resideOutsideOfPackages("aidline.demo..", "aidline.bench..", "aidline.cli..", "aidline.app..")
        .should().dependOnClassesThat().resideInAPackage("aidline.demo..")
        .check(MAIN);
  }

  @Test
  void channelsDoNotDependOnEachOther() {
    for (String channel : new String[] {"web", "wechat", "telegram"}) {
      noClasses().that().resideInAPackage("aidline.channel." + channel + "..")
          .should().dependOnClassesThat(resideInAPackage("aidline.channel..")
              .and(not(resideInAPackage("aidline.channel." + channel + ".."))))
          .check(MAIN);
    }
  }

  @Test
  void noCyclesBetweenPackages() {
    slices().matching("aidline.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void answersNeverPassThroughTheConsoleOrTheConversation() {
    noClasses().that().resideInAPackage("aidline.answer..")
        .should().dependOnClassesThat().resideInAnyPackage("aidline.console..", "aidline.conversation..")
        .because("a chat answer walks channel -> conversation -> answer -> knowledge and back")
        .check(MAIN);
  }

  @Test
  void conversationAndChannelsNeverDependOnTheConsole() {
    noClasses().that().resideInAnyPackage("aidline.conversation..", "aidline.channel..")
        .should().dependOnClassesThat().resideInAPackage("aidline.console..")
        .check(MAIN);
  }

  @Test
  void consoleNeverTouchesStorage() {
    noClasses().that().resideInAPackage("aidline.console..")
        .should().dependOnClassesThat().resideInAPackage("aidline.storage..")
        .because("the console reads through the services' ports, not through tables")
        .check(MAIN);
  }
}
