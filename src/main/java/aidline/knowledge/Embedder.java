package aidline.knowledge;

/**
 * Turns text into a unit-length sentence vector, so that the dot product of two vectors is their
 * cosine similarity. Passages and questions may be embedded differently (BGE prefixes questions
 * with an instruction); both land in the same space.
 */
public interface Embedder {
  /** Names the model and its settings: vectors cached under another id are not reused. */
  String id();

  int dimensions();

  float[] passage(String text);

  float[] query(String text);

  /** Scales {@code v} to unit length in place (a zero vector stays zero) and returns it. */
  static float[] normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    if (sum > 0) {
      float inv = (float) (1 / Math.sqrt(sum));
      for (int i = 0; i < v.length; i++) {
        v[i] *= inv;
      }
    }
    return v;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
