package org.qtastudio.retrieval.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtastudio.catalog.Split;
import org.qtastudio.catalog.Tool;
import org.qtastudio.catalog.ToolParameter;
import org.qtastudio.catalog.UserQuery;
import org.qtastudio.common.Progress;
import org.qtastudio.eval.EvalResult;
import org.qtastudio.eval.Evaluator;
import org.qtastudio.eval.Metric;
import org.qtastudio.retrieval.Hit;
import org.qtastudio.retrieval.Ranking;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.TextField;

class RegexToolSearchTest {

    static Tool tool(String name, String description, ToolParameter... parameters) {
        return new Tool(name, name, description, null, null, List.of(parameters), null, List.of(), "test", null);
    }

    static ToolParameter param(String name, String description) {
        return new ToolParameter(name, "string", description, false);
    }

    /** A hand-made catalog; the comments give each tool's score for the pattern forecast|weather. */
    static final List<Tool> CATALOG = List.of(
            tool("send_email", "Send an email message.", param("to", "Recipient address")),                    // no match
            tool("get_weather", "Current weather for a city.", param("city", "City name")),                     // {weather}, name: 1.75
            tool("weather_forecast", "Forecast of the weather for the next days.", param("days", "How many")),  // {weather, forecast}, name: 2.75
            tool("plan_trip", "Plan a trip itinerary.", param("destination", "Where to go; its forecast is checked")), // {forecast}, arguments: 1.25
            tool("daily_report", "A report with the Weather and the FORECAST."),                                // {weather, forecast}, description: 2.5
            tool("stock_price", "Stock quote."),                                                                // no match
            tool("weather_alerts", "Severe alerts."),                                                           // {weather}, name: 1.75
            tool("convert_units", "Convert between unit systems.", param("WeatherUnits", "metric or imperial"))); // {weather}, arguments: 1.25

    private static List<String> keys(List<Hit> hits) {
        return hits.stream().map(Hit::key).toList();
    }

    @Test
    void matchesAreOrderedByWordsFoundThenFieldThenCatalogOrder() {
        RegexToolSearch search = new RegexToolSearch(CATALOG, RetrieverSpec.ToolSearchRegex.defaults());
        Ranking r = search.rank("Weather forecast, please");
        assertEquals(List.of("weather_forecast", "daily_report", "get_weather", "weather_alerts", "plan_trip", "convert_units"),
                keys(r.top(10)));
        assertEquals(List.of(2.75, 2.5, 1.75, 1.75, 1.25, 1.25), r.top(10).stream().map(Hit::score).toList());
        assertEquals(6, r.returned());
        // the two tools the pattern is not in are not returned: no cutoff counts them as found
        assertEquals(Ranking.NOT_RETURNED, r.rankOf("send_email"));
        assertEquals(Ranking.NOT_RETURNED, r.rankOf("stock_price"));
        assertEquals(keys(r.top(3)), keys(search.search("Weather forecast, please", 3)));
    }

    @Test
    void matchingIgnoresCaseAndReachesArgumentNamesAndDescriptions() {
        RegexToolSearch search = new RegexToolSearch(CATALOG, RetrieverSpec.ToolSearchRegex.defaults());
        // "itinerary" only in a description, "checked" only in an argument's description, "weatherunits" only in an
        // argument's name (written in capitals it is one word: no camelCase to split)
        assertEquals(List.of("plan_trip"), keys(search.rank("ITINERARY").top(10)));
        assertEquals(List.of("plan_trip"), keys(search.rank("checked").top(10)));
        assertEquals(List.of("convert_units"), keys(search.rank("WEATHERUNITS").top(10)));
    }

    @Test
    void theFieldsAndTheirOrderComeFromTheSpec() {
        RegexToolSearch byDefault = new RegexToolSearch(CATALOG, RetrieverSpec.ToolSearchRegex.defaults());
        // one word each: a match in the name (1.75) before one in the description (1.5) before one in the arguments (1.25)
        assertEquals(List.of("get_weather", "weather_forecast", "weather_alerts", "daily_report", "convert_units"),
                keys(byDefault.rank("weather").top(10)));
        RegexToolSearch descriptionFirst = new RegexToolSearch(CATALOG,
                new RetrieverSpec.ToolSearchRegex(List.of(TextField.DESCRIPTION, TextField.NAME), false));
        // now a match in the description counts 1 + 2/3 and one only in the name 1 + 1/3; the arguments are not searched
        assertEquals(List.of("get_weather", "weather_forecast", "daily_report", "weather_alerts"),
                keys(descriptionFirst.rank("weather").top(10)));
        assertEquals(1 + 2 / 3.0, descriptionFirst.rank("weather").hit(0).score(), 1e-15);
    }

    @Test
    void aQueryWithNoUsableWordReturnsNothing() {
        RegexToolSearch search = new RegexToolSearch(CATALOG, RetrieverSpec.ToolSearchRegex.defaults());
        Ranking r = search.rank("What is it?");
        assertEquals(0, r.returned());
        assertEquals(List.of(), r.top(5));
        assertEquals(CATALOG.size(), r.size());
        assertEquals(Ranking.NOT_RETURNED, r.rankOf("get_weather"));
        assertThrows(IllegalArgumentException.class, () -> search.rank("  "), "an empty query is refused as by every retriever");
    }

    @Test
    void aGoldToolThatIsNotReturnedIsMissedAtEveryCutoffEvenBeyondTheCatalog() {
        RegexToolSearch search = new RegexToolSearch(CATALOG, RetrieverSpec.ToolSearchRegex.defaults());
        List<UserQuery> queries = List.of(new UserQuery("q1", "weather forecast", Split.TEST, List.of("weather_forecast", "send_email")),
                new UserQuery("q2", "itinerary", Split.TEST, List.of("plan_trip")));
        EvalResult result = Evaluator.evaluate(search, queries, List.of(1, 100), 0, Progress.NONE);
        // q1's send_email is not returned: S@100 counts it missed though the catalog has 8 tools; q2 is found first
        assertEquals(50.0, result.mean(new Metric(Metric.Kind.S, 100)), 1e-9);
        assertEquals(75.0, result.mean(new Metric(Metric.Kind.R, 100)), 1e-9);
        assertEquals(List.of("weather_forecast", "daily_report", "get_weather", "weather_alerts", "plan_trip", "convert_units"),
                keys(result.records().getFirst().top()), "only the returned tools are kept");
    }

    @Test
    void aRawPatternIsUsedAsGivenAndAnInvalidOneIsRefusedByName() {
        RegexToolSearch raw = new RegexToolSearch(CATALOG, new RetrieverSpec.ToolSearchRegex(RetrieverSpec.ToolSearchRegex.DEFAULT_FIELDS, true));
        assertEquals(List.of("weather_forecast", "weather_alerts"), keys(raw.rank("^WEATHER_").top(10)));
        // distinct strings are counted case-folded: "Forecast" in the description is the "forecast" of the name
        assertEquals(2.75, raw.rank("weather|forecast").hit(0).score());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> raw.rank("weather(forecast"));
        assertTrue(e.getMessage().contains("'weather(forecast'"), e.getMessage());
    }
}
