package org.qtastudio.retrieval.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.qtastudio.retrieval.platform.RegexToolSearchTest.param;
import static org.qtastudio.retrieval.platform.RegexToolSearchTest.tool;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.qtastudio.catalog.Tool;
import org.qtastudio.retrieval.Hit;
import org.qtastudio.retrieval.Ranking;
import org.qtastudio.retrieval.RetrieverSpec;
import org.qtastudio.retrieval.bm25.IdentifierAnalyzer;
import org.qtastudio.retrieval.bm25.LuceneBm25Retriever;

class Bm25ToolSearchTest {

    private static Bm25ToolSearch search(List<Tool> tools) {
        RetrieverSpec.ToolSearchBm25 spec = RetrieverSpec.ToolSearchBm25.defaults();
        return new Bm25ToolSearch(spec, LuceneBm25Retriever.inMemory(tools, spec.lucene()));
    }

    @Test
    void camelCaseAndSnakeCaseGiveTheSameTokens() {
        IdentifierAnalyzer words = new IdentifierAnalyzer();
        List<String> expected = List.of("get", "weather", "forecast");
        assertEquals(expected, words.tokens("getWeatherForecast"));
        assertEquals(expected, words.tokens("get_weather_forecast"));
        assertEquals(expected, words.tokens("GetWeather-Forecast"));
        assertEquals(List.of("http", "server", "base64", "encode", "v2", "the", "a"), words.tokens("HTTPServer base64Encode v2 THE a"));
    }

    /** Lucene's BM25 term score: idf * tf / (tf + k1 * (1 - b + b * dl / avgdl)), idf = ln(1 + (N - n + 0.5) / (n + 0.5)). */
    private static double bm25(int tf, int dl, double avgdl, int n, int docs) {
        double idf = Math.log(1 + (docs - n + 0.5) / (n + 0.5));
        return idf * tf / (tf + 1.2 * (1 - 0.75 + 0.75 * dl / avgdl));
    }

    @Test
    void scoresAreTheBm25FormulaWithK1OnePointTwoAndBPointSevenFive() {
        List<Tool> tools = List.of(
                // get weather forecast | weather forecast for a city | city name: 10 tokens, weather twice
                tool("getWeatherForecast", "Weather forecast for a city", param("city", "name")),
                // get stock price | latest price: 5 tokens, price twice
                tool("get_stock_price", "Latest price."),
                // send email | send an email about the weather: 8 tokens, weather once
                tool("send_email", "Send an email about the weather"));
        double avgdl = (10 + 5 + 8) / 3.0;
        try (Bm25ToolSearch search = search(tools)) {
            Ranking r = search.rank("Weather price");
            // weather is in 2 of the 3 tools, price in 1
            double first = bm25(2, 10, avgdl, 2, 3);
            double second = bm25(2, 5, avgdl, 1, 3);
            double third = bm25(1, 8, avgdl, 2, 3);
            assertEquals(List.of("get_stock_price", "getWeatherForecast", "send_email"), r.top(3).stream().map(Hit::key).toList());
            assertEquals(second, r.hit(0).score(), 1e-5);
            assertEquals(first, r.hit(1).score(), 1e-5);
            assertEquals(third, r.hit(2).score(), 1e-5);
            // a word of the name, written as the query writes it, scores like any other: "getWeather" is get + weather
            assertEquals(bm25(1, 10, avgdl, 2, 3) + bm25(2, 10, avgdl, 2, 3), search.rank("getWeather").hit(0).score(), 1e-5);
        }
    }

    @Test
    void onlyToolsSharingAWordWithTheQueryAreReturned() {
        List<Tool> tools = List.of(tool("send_email", "Send an email."), tool("get_weather", "Current weather."),
                tool("list_files", "List the files of a folder."));
        try (Bm25ToolSearch search = search(tools)) {
            Ranking r = search.rank("email the team");
            assertEquals(List.of("send_email", "list_files"), r.top(10).stream().map(Hit::key).toList(), "no stop words: 'the' matches");
            assertEquals(Ranking.NOT_RETURNED, r.rankOf("get_weather"));
            assertEquals(r.top(10), search.search("email the team", 10));
            assertEquals(0, search.rank("stocks").returned());
            assertEquals(List.of(), search.search("stocks", 5));
        }
    }
}
