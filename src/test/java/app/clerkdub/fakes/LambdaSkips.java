package app.clerkdub.fakes;

import static java.util.Map.entry;

import java.util.Map;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Which tests the Lambda build's run ({@code -Plambda}) skips, which run only there, and why: the one place that
 * decides it. JUnit registers this condition for every test class by extension auto-detection
 * (src/test/resources/META-INF/services/org.junit.jupiter.api.extension.Extension; quarkus-junit's
 * junit-platform.properties turns auto-detection on, which {@code LambdaSkipsTest} checks). A condition is evaluated
 * before the class's {@code @QuarkusTest} application starts or its {@code @QuarkusIntegrationTest} artifact is
 * launched, so a skipped class starts nothing.
 * <p>
 * A key is a test class's name, which skips the whole class, or {@code class#method}, which skips that method
 * wherever it runs, subclasses included (the {@code *IT} that extend a {@code *Test}). {@code LambdaSkipsTest}
 * checks that every key names a class and method that exist.
 */
public final class LambdaSkips implements ExecutionCondition {
    /**
     * The system property that names the artifact under test where it is not the container's: {@value #LAMBDA} in
     * the Lambda build's run (the lambda profile of pom.xml sets it for surefire and failsafe).
     */
    static final String ARTIFACT = "clerkdub.artifact";
    static final String LAMBDA = "lambda";

    /** Why a {@code @QuarkusIntegrationTest} is skipped on Lambda. */
    static final String NO_PORT_ON_LAMBDA = "starts the packaged application and calls its HTTP port; the "
            + "Lambda function listens on none (LambdaFunctionIT runs target/function.zip as Lambda does)";
    /** Why a test that starts several instances of the packaged application is skipped on Lambda. */
    static final String NO_FLEET_ON_LAMBDA = "starts the packaged application on ports; LambdaFunctionIT runs the "
            + "function's environments";
    /** Why a test of calls that overlap inside one instance is skipped on Lambda. */
    static final String ONE_EVENT_AT_A_TIME = "needs calls that overlap inside one instance; Lambda hands an "
            + "execution environment one event at a time, so they never do there (overlapping calls land in "
            + "separate environments, each with its own memory)";
    /** Why the browser tests and the sandbox's round trips are skipped on Lambda. */
    static final String SANDBOX_INSIDE_THE_FUNCTION = "the sandbox plays Clerk and Dub inside the application, so "
            + "the function would call itself while it handles the event that calls them, and a function handles one "
            + "event at a time; the page's calls on Lambda are covered by the API Gateway event tests";
    /** Why a test that reads health, metrics or the OpenAPI document is skipped on Lambda. */
    static final String NO_MANAGEMENT_ON_LAMBDA = "reads the management interface (health, metrics, "
            + "OpenAPI), which a Lambda function does not start: it answers events, it listens on no port";
    /** Why the tests that send API Gateway events are skipped on the container's build. */
    static final String EVENTS_ON_LAMBDA_ONLY = "sends API Gateway events, which only the Lambda build "
            + "(-Plambda) takes";

    /** Skipped on the Lambda build's run. */
    static final Map<String, String> SKIPPED_ON_LAMBDA = Map.ofEntries(
            // The packaged application on its port.
            entry("app.clerkdub.api.http.RequestInputIT", NO_PORT_ON_LAMBDA),
            entry("app.clerkdub.api.http.SessionTokenIT", NO_PORT_ON_LAMBDA),
            entry("app.clerkdub.api.http.TrackLeadIT", NO_PORT_ON_LAMBDA),
            entry("app.clerkdub.api.webhook.ClerkWebhookIT", NO_PORT_ON_LAMBDA),
            entry("app.clerkdub.sandbox.SandboxAbsentIT", NO_PORT_ON_LAMBDA),
            entry("app.clerkdub.tls.UntrustedUpstreamIT", NO_PORT_ON_LAMBDA),
            entry("app.clerkdub.tls.UpstreamTlsIT", NO_PORT_ON_LAMBDA),
            entry("app.clerkdub.FleetIT", NO_FLEET_ON_LAMBDA),
            entry("app.clerkdub.FleetBudgetIT", NO_FLEET_ON_LAMBDA),
            entry("app.clerkdub.StartRefusalIT#aTakenPortStopsTheStartWithItsThreeLinesEveryTime",
                    "a Lambda function binds no port, so a taken port cannot fail its start"),
            // Health, metrics and the OpenAPI document.
            entry("app.clerkdub.MetricsTest", NO_MANAGEMENT_ON_LAMBDA),
            entry("app.clerkdub.OperationsTest#liveAndReadyOnceTheTokenKeysLoad", NO_MANAGEMENT_ON_LAMBDA),
            entry("app.clerkdub.OperationsTest#aSecretKeyThatClerkRefusesMakesItNotReadyNamingTheSetting",
                    NO_MANAGEMENT_ON_LAMBDA),
            entry("app.clerkdub.OperationsTest#metricsCountOutcomesAndTimeUpstreamCalls", NO_MANAGEMENT_ON_LAMBDA),
            entry("app.clerkdub.OperationsTest#openApiDescribesTheEndpointItsBodyAndEveryStatus",
                    NO_MANAGEMENT_ON_LAMBDA),
            entry("app.clerkdub.OperationsTest#requestsThatAreNotCallsOfTheEndpointAreNeitherCountedNorLogged",
                    NO_MANAGEMENT_ON_LAMBDA),
            entry("app.clerkdub.api.http.RequestInputTest#invalidDubIdCookieIsClearedAndTakenAsAbsent",
                    NO_MANAGEMENT_ON_LAMBDA),
            entry("app.clerkdub.api.webhook.ClerkWebhookTest#outcomesAreCountedByEventAndResult",
                    NO_MANAGEMENT_ON_LAMBDA),
            entry("app.clerkdub.api.webhook.ClerkWebhookTest#openApiDescribesTheRoute", NO_MANAGEMENT_ON_LAMBDA),
            entry("app.clerkdub.api.webhook.CustomerSyncTest#outcomesAreCounted", NO_MANAGEMENT_ON_LAMBDA),
            entry("app.clerkdub.clerk.session.NotReadyTest#unreachableJwksMeansNotReadyButAlive",
                    NO_MANAGEMENT_ON_LAMBDA),
            entry("app.clerkdub.clerk.session.PemKeyTest#tokensAreVerifiedWithThePemAndNoJwksFetch",
                    NO_MANAGEMENT_ON_LAMBDA),
            entry("app.clerkdub.lead.quota.FloodTest#floodOfDistinctUsersAndAddressesFillsEveryMapToItsBound",
                    NO_MANAGEMENT_ON_LAMBDA),
            entry("app.clerkdub.tls.UpstreamTlsTest#readinessLoadsTheTokenKeysOverHttps", NO_MANAGEMENT_ON_LAMBDA),
            // Calls that overlap inside one instance.
            entry("app.clerkdub.api.webhook.ClerkWebhookTest#overlappingDeliveriesAndTheSpaCallShareOneFlight",
                    ONE_EVENT_AT_A_TIME),
            entry("app.clerkdub.api.webhook.CustomerSyncTest#aDeletionDuringTheSignUpLeavesNoCustomerBehind",
                    ONE_EVENT_AT_A_TIME),
            entry("app.clerkdub.api.webhook.QualifiedLeadTest#theSpaRacingQualifyingDeliveriesSendsOneDeferredCallAndOneLead",
                    ONE_EVENT_AT_A_TIME),
            entry("app.clerkdub.lead.SameUserConcurrencyTest#twentyParallelCallsMakeOneDubRequestAndOneMetadataUpdate",
                    ONE_EVENT_AT_A_TIME),
            entry("app.clerkdub.lead.quota.RepeatCallsTest#aNewUserWhileTheMostFlowsRunIsAnswered503BusyWithoutAnUpstreamCall",
                    ONE_EVENT_AT_A_TIME),
            // The sandbox inside the application.
            entry("app.clerkdub.browser.CrossOriginBrowserTest", SANDBOX_INSIDE_THE_FUNCTION),
            entry("app.clerkdub.browser.DemoPageBrowserTest", SANDBOX_INSIDE_THE_FUNCTION),
            entry("app.clerkdub.browser.SameSiteBrowserTest", SANDBOX_INSIDE_THE_FUNCTION),
            entry("app.clerkdub.browser.WebhookDemoBrowserTest", SANDBOX_INSIDE_THE_FUNCTION),
            entry("app.clerkdub.sandbox.SandboxContractTest#qualifyMarksTheUserAndDeliversClerksSignedUserUpdated",
                    SANDBOX_INSIDE_THE_FUNCTION),
            entry("app.clerkdub.sandbox.SandboxContractTest#anOrganizationsCheckoutAnswersBothDeliveries",
                    SANDBOX_INSIDE_THE_FUNCTION),
            entry("app.clerkdub.sandbox.SandboxContractTest#changingAndDeletingTheUserReachItsCustomerAtDub",
                    SANDBOX_INSIDE_THE_FUNCTION));

    /** Run only on the Lambda build's run, skipped on the container's. */
    static final Map<String, String> ONLY_ON_LAMBDA = Map.ofEntries(
            entry("app.clerkdub.lambda.ApiGatewayCookiesTest", EVENTS_ON_LAMBDA_ONLY),
            entry("app.clerkdub.lambda.ApiGatewayHttpTest", EVENTS_ON_LAMBDA_ONLY),
            entry("app.clerkdub.lambda.LambdaFunctionIT",
                    "runs target/function.zip, which only the Lambda build (-Plambda) makes"));

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean onLambda = LAMBDA.equals(System.getProperty(ARTIFACT));
        // Names, not classes: a @QuarkusTest's class is loaded by Quarkus' class loader, not this one's. A method
        // goes by the class that declares it, so that a subclass runs or skips it as its superclass does.
        String key = context.getTestMethod()
                .map(method -> method.getDeclaringClass().getName() + "#" + method.getName())
                .orElseGet(() -> context.getTestClass().map(Class::getName).orElse(""));
        String reason = (onLambda ? SKIPPED_ON_LAMBDA : ONLY_ON_LAMBDA).get(key);
        return reason == null ? ConditionEvaluationResult.enabled("not among LambdaSkips")
                : ConditionEvaluationResult.disabled(reason);
    }
}
