// Loads every native library QTA Studio bundles, with the installed runtime and jars (check-linux.sh runs it):
// ONNX Runtime + DJL tokenizers (the embedded all-MiniLM-L6-v2), SQLite JDBC, DJL PyTorch (CPU), Lucene.
import java.nio.file.Files;
import java.nio.file.Path;

public class NativeSmoke {
    public static void main(String[] args) throws Exception {
        System.out.println("ONNX Runtime " + ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion());
        var model = new dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel();
        System.out.println("all-MiniLM-L6-v2 embedding dim " + model.embed("weather in Paris").content().dimension());
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:"); var s = c.createStatement();
             var r = s.executeQuery("select sqlite_version()")) {
            r.next(); System.out.println("SQLite " + r.getString(1));
        }
        ai.djl.engine.Engine e = ai.djl.engine.Engine.getEngine("PyTorch");
        try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
            System.out.println("DJL " + e.getEngineName() + " " + e.getVersion() + ", sum = " + m.create(new float[] {1, 2, 3}).sum().getFloat());
        }
        Path dir = Files.createTempDirectory("lucene");
        try (var d = org.apache.lucene.store.FSDirectory.open(dir);
             var w = new org.apache.lucene.index.IndexWriter(d, new org.apache.lucene.index.IndexWriterConfig(new org.apache.lucene.analysis.en.EnglishAnalyzer()))) {
            var doc = new org.apache.lucene.document.Document();
            doc.add(new org.apache.lucene.document.TextField("t", "get the weather", org.apache.lucene.document.Field.Store.NO));
            w.addDocument(doc); w.commit();
            System.out.println("Lucene docs " + w.getDocStats().numDocs);
        }
    }
}
