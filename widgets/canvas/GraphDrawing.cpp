#include "GraphDrawing.h"


#include <algorithm>
#include <map>

namespace layerlab::widgets::canvas {

using namespace layerlab::engine;

std::vector<int> GraphDrawing::columns(const std::vector<std::vector<int>>& sources) {
    std::vector<int> column(sources.size(), 1);
    for (std::size_t i = 0; i < sources.size(); ++i)
        for (const int s : sources[i]) column[i] = std::max(column[i], s < 0 ? 1 : column[std::size_t(s)] + 1);
    return column;
}

QString GraphDrawing::shapeText(const nn::Shape& shape) {
    return shape.steps > 1 ? QStringLiteral("[batch × %1 × %2]").arg(shape.steps).arg(shape.features())
                           : QStringLiteral("[batch × %1]").arg(shape.width);
}

std::vector<int> GraphDrawing::rows(const std::vector<std::vector<int>>& sources, const std::vector<bool>& merges,
                                    const std::vector<int>& columns) {
    const std::size_t n = sources.size();
    std::vector<int> row(n, 0);
    // Which layers feed a merge (their row is kept for it), and which rows a source gave away.
    std::vector<bool> feedsMerge(n + 1, false); // index n: the input row
    const auto slot = [&](int s) { return s < 0 ? n : std::size_t(s); };
    for (std::size_t i = 0; i < n; ++i)
        if (merges[i])
            for (const int s : sources[i]) feedsMerge[slot(s)] = true;
    std::vector<bool> given(n + 1, false);
    std::vector<int> rowOf(n + 1, 0);
    std::map<std::pair<int, int>, bool> taken; // (column, row)
    for (std::size_t i = 0; i < n; ++i) {
        int r = 0;
        if (merges[i]) {
            r = rowOf[slot(sources[i][0])];
            for (const int s : sources[i]) r = std::min(r, rowOf[slot(s)]);
        } else {
            const std::size_t s = slot(sources[i][0]);
            r = rowOf[s];
            if (given[s] || feedsMerge[s]) r += 1; // the source's row is its merge's, or another reader's
            given[s] = true;
        }
        while (taken[{columns[i], r}]) ++r;
        taken[{columns[i], r}] = true;
        row[i] = rowOf[i] = r;
    }
    return row;
}

std::vector<std::vector<int>> GraphDrawing::sources(const std::vector<LayerNode>& nodes) {
    std::vector<std::vector<int>> out;
    for (const LayerNode& n : nodes) {
        std::vector<int> s;
        for (const int id : n.from) {
            int at = -1;
            for (std::size_t k = 0; k < out.size(); ++k) // only earlier nodes: the list is in reading order
                if (nodes[k].id == id) at = int(k);
            s.push_back(at);
        }
        if (s.empty()) s.push_back(-1);
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<QPointF> GraphDrawing::positions(const std::vector<LayerNode>& nodes, qreal columnPitch, qreal rowPitch) {
    const auto from = sources(nodes);
    const std::vector<int> column = columns(from);
    std::vector<bool> merges;
    for (const auto& n : nodes) merges.push_back(isMerge(n.kind));
    const std::vector<int> row = rows(from, merges, column);
    std::vector<QPointF> at;
    for (std::size_t i = 0; i < nodes.size(); ++i) at.emplace_back(column[i] * columnPitch, row[i] * rowPitch);
    return at;
}

} // namespace layerlab::widgets::canvas
