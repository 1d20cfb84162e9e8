// CSV loading speed and memory: reads a file into a typed Table (what training uses), repeats,
// prints one JSON line with the best time and the peak resident memory of the process.
//   bench_csv FILE [REPEATS]
#include "data/CsvReader.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_csv FILE [REPEATS]\n");
        return 2;
    }
    const std::string path = argv[1];
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    double best = 1e30;
    std::size_t rows = 0;
    for (int i = 0; i < repeats; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto table = layerlab::engine::data::CsvReader::readFile(path);
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        rows = table.rowCount();
    }
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    struct stat st {};
    stat(path.c_str(), &st);
    std::printf("{\"bench\": \"csv\", \"peer\": \"layerlab\", \"file\": \"%s\", \"rows\": %zu, \"file_mb\": %.1f, "
                "\"seconds\": %.4f, \"peak_rss_mb\": %.1f}\n",
                path.c_str(), rows, double(st.st_size) / 1e6, best, double(ru.ru_maxrss) / 1024.0);
    return 0;
}
