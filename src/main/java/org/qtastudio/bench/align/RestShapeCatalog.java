package org.qtastudio.bench.align;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.qtastudio.common.Json;

/**
 * A generated catalog in the shape of MTRB RestBench: 54 REST endpoints of a movie-database-like API (18 resources ×
 * 3 operations) whose descriptions are about as long as the prompt shows (the rewrite prompt cuts a document at 400
 * characters), and queries that need one or two of them, with gold tools. Deterministic in its seed; written as
 * generic JSON Lines so that it goes through the ordinary import.
 */
public final class RestShapeCatalog {

    public static final int TOOLS = 54;

    private static final String[][] RESOURCES = {
            {"movie", "movie", "movie_id", "credits", "the cast and crew"},
            {"tv", "TV show", "series_id", "seasons", "the seasons"},
            {"person", "person", "person_id", "movie_credits", "the movies they acted in or directed"},
            {"collection", "collection", "collection_id", "parts", "the movies of the collection"},
            {"company", "production company", "company_id", "movies", "the movies it produced"},
            {"keyword", "keyword", "keyword_id", "movies", "the movies tagged with it"},
            {"review", "review", "review_id", "comments", "the comments on the review"},
            {"season", "TV season", "season_number", "episodes", "the episodes of the season"},
            {"episode", "TV episode", "episode_number", "guest_stars", "the guest stars of the episode"},
            {"network", "TV network", "network_id", "shows", "the shows it broadcasts"},
            {"genre", "genre", "genre_id", "movies", "the movies of the genre"},
            {"list", "user list", "list_id", "items", "the items on the list"},
            {"account", "account", "account_id", "favorite_movies", "the movies marked as favorite"},
            {"certification", "certification", "country", "ratings", "the age ratings of the country"},
            {"credit", "credit", "credit_id", "media", "the movie or show of the credit"},
            {"provider", "watch provider", "provider_id", "titles", "the titles available to stream"},
            {"trending", "trending item", "time_window", "people", "the people trending this week"},
            {"release", "release date", "release_id", "countries", "the release dates per country"},
    };

    private RestShapeCatalog() {
    }

    /** One generated tool: its key, HTTP method and path, name and description. */
    public record GenTool(String key, String method, String path, String name, String description, String action) {
    }

    /** One generated query with its gold tool keys. */
    public record GenQuery(String key, String text, List<String> gold, String split) {
    }

    public static List<GenTool> tools() {
        List<GenTool> out = new ArrayList<>();
        for (String[] r : RESOURCES) {
            String res = r[0];
            String noun = r[1];
            String id = r[2];
            String sub = r[3];
            String subText = r[4];
            out.add(new GenTool(res + "_details", "GET", "/" + res + "/{" + id + "}", "get " + noun + " details",
                    "Get the primary information about a " + noun + " by its " + id + ": names, dates, descriptions, images, "
                            + "counts and the ids of related records. Parameters: " + id + " (path, required) the id of the "
                            + noun + "; language (query, optional) an ISO 639-1 code such as en-US for translated fields; "
                            + "append_to_response (query, optional) comma-separated sub-requests to include in one call, such as "
                            + sub + ". Returns a JSON object. Use it when the request names one " + noun + " and asks about it.",
                    "get the details of the " + noun));
            out.add(new GenTool(res + "_" + sub, "GET", "/" + res + "/{" + id + "}/" + sub, "get " + noun + " " + sub.replace('_', ' '),
                    "Get " + subText + " for a " + noun + ". Parameters: " + id + " (path, required) the id of the " + noun
                            + "; page (query, optional) the page of results, starting at 1, 20 results a page; language (query, "
                            + "optional) an ISO 639-1 code; sort_by (query, optional) popularity.desc, release_date.desc or "
                            + "vote_average.desc. Returns a JSON object with id, page, total_pages and a results array whose items "
                            + "carry their own ids, titles or names, dates and popularity scores.",
                    "list " + subText + " of a " + noun));
            out.add(new GenTool("search_" + res, "GET", "/search/" + res, "search " + noun,
                    "Search for a " + noun + " by its name or title and get matching ids, which the other " + noun + " endpoints "
                            + "need. Parameters: query (query, required) the text to search for, at least one character; page "
                            + "(query, optional) the page of results; include_adult (query, optional) whether adult content is "
                            + "included, false by default; region (query, optional) an ISO 3166-1 code that filters release "
                            + "dates; year (query, optional) the year. Returns id, page, total_results and results ordered by relevance.",
                    "find the " + noun + " by its name"));
        }
        return out;
    }

    private static final String[] NAMES = {"Titanic", "Inception", "The Office", "Tom Hanks", "Pixar", "time travel",
            "Breaking Bad", "Meryl Streep", "Star Wars", "HBO", "comedy", "my watchlist", "Netflix", "Germany", "Dune",
            "Christopher Nolan", "Friends", "Spirited Away"};
    private static final String[] OPENERS = {"I want to", "Please", "Can you", "Help me", "I need to", "Could you"};

    /** {@code train} training queries and {@code test} test queries, each needing one or two tools. */
    public static List<GenQuery> queries(int train, int test, long seed) {
        List<GenTool> tools = tools();
        SplittableRandom rng = new SplittableRandom(seed);
        List<GenQuery> out = new ArrayList<>();
        for (int i = 0; i < train + test; i++) {
            int r = rng.nextInt(RESOURCES.length);
            GenTool search = tools.get(3 * r + 2);
            GenTool second = tools.get(3 * r + rng.nextInt(2));
            String name = NAMES[rng.nextInt(NAMES.length)];
            String opener = OPENERS[rng.nextInt(OPENERS.length)];
            boolean two = rng.nextInt(3) > 0;
            String text = two
                    ? opener + " " + second.action() + " \"" + name + "\"; first " + search.action() + "."
                    : opener + " " + search.action() + " \"" + name + "\".";
            List<String> gold = two ? List.of(search.key(), second.key()) : List.of(search.key());
            out.add(new GenQuery("q" + (i + 1), text, gold, i < train ? "train" : "test"));
        }
        return out;
    }

    /** Writes tools and queries as generic JSON Lines (the {@code generic} importer reads it). */
    public static Path write(Path file, int train, int test, long seed) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(file)) {
            for (GenTool t : tools()) {
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.put("id", t.key()).put("name", t.name()).put("method", t.method()).put("path", t.path())
                        .put("description", t.description());
                w.write(Json.MAPPER.writeValueAsString(n) + "\n");
            }
            for (GenQuery q : queries(train, test, seed)) {
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.put("id", q.key()).put("query", q.text()).put("gold", String.join("|", q.gold())).put("split", q.split());
                w.write(Json.MAPPER.writeValueAsString(n) + "\n");
            }
        }
        return file;
    }
}
