// The C side of test_export: reads rows of raw cells (tab-separated, in the model's column
// order) from stdin, encodes text cells with the header's model_code(), runs model_predict() and
// prints "best,out0,out1,..." per row with every float exact (%.9g).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include MODEL_HEADER
int main(void) {
  char line[4096];
  float in[MODEL_INPUTS], out[MODEL_OUTPUTS];
  while (fgets(line, sizeof line, stdin)) {
    char *cells[MODEL_INPUTS];
    char *s = line;
    int c, k, best;
    line[strcspn(line, "\r\n")] = 0;
    for (c = 0; c < MODEL_INPUTS; ++c) {
      cells[c] = s;
      s += strcspn(s, "\t");
      if (*s) *s++ = 0;
    }
    for (c = 0; c < MODEL_INPUTS; ++c) {
      if (model_is_text(c)) {
        in[c] = model_code(c, cells[c]);
      } else {
        char *end;
        double v = strtod(cells[c], &end);
        in[c] = end == cells[c] ? NAN : (float)v;
      }
    }
    best = model_predict(in, out);
    printf("%d", best);
    for (k = 0; k < MODEL_OUTPUTS; ++k) printf(",%.9g", out[k]);
    printf("\n");
  }
  return 0;
}
