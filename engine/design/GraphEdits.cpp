#include "GraphEdits.h"

#include <algorithm>
#include <set>

namespace layerlab::engine::design {


int GraphEdits::indexOf(const Nodes& nodes, int id) {
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].id == id) return int(i);
    return -1;
}

std::vector<int> GraphEdits::readers(const Nodes& nodes, int id) {
    std::vector<int> out;
    for (const auto& n : nodes)
        if (std::find(n.from.begin(), n.from.end(), id) != n.from.end()) out.push_back(n.id);
    return out;
}

bool GraphEdits::feeds(const Nodes& nodes, int from, int to) {
    std::vector<int> stack{from};
    std::set<int> seen;
    while (!stack.empty()) {
        const int at = stack.back();
        stack.pop_back();
        if (!seen.insert(at).second) continue;
        for (const int r : readers(nodes, at)) {
            if (r == to) return true;
            stack.push_back(r);
        }
    }
    return false;
}

int GraphEdits::outputId(const Nodes& nodes) {
    return !nodes.empty() && nodes.back().kind == NodeKind::Dense ? nodes.back().id : 0;
}

bool GraphEdits::isChain(const Nodes& nodes) {
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const LayerNode& n = nodes[i];
        const int previous = i == 0 ? 0 : nodes[i - 1].id;
        if (n.from != std::vector<int>{previous} || isMerge(n.kind) || n.kind == NodeKind::Columns || !n.name.empty())
            return false;
        if (n.kind == NodeKind::Embedding && n.embedded.empty()) return false; // reads a group's factors: a graph's
    }
    return true;
}

GraphEdits::Nodes GraphEdits::relinked(Nodes nodes) {
    for (std::size_t i = 0; i < nodes.size(); ++i) nodes[i].from = {i == 0 ? 0 : nodes[i - 1].id};
    return nodes;
}

std::optional<GraphEdits::Nodes> GraphEdits::sorted(Nodes nodes) {
    const int output = outputId(nodes);
    std::set<int> known{0};
    for (const auto& n : nodes) known.insert(n.id);
    Nodes out;
    std::set<int> done{0};
    std::vector<bool> taken(nodes.size(), false);
    for (std::size_t placed = 0; placed < nodes.size();) {
        bool progress = false;
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            if (taken[i]) continue;
            // The output goes last; an id no node has is the design check's to name, not a cycle.
            if (nodes[i].id == output && placed + 1 < nodes.size()) continue;
            const bool ready = std::all_of(nodes[i].from.begin(), nodes[i].from.end(),
                                           [&](int s) { return done.count(s) || !known.count(s); });
            if (!ready) continue;
            taken[i] = true;
            done.insert(nodes[i].id);
            out.push_back(nodes[i]);
            ++placed;
            progress = true;
            break; // the earliest ready node first: the order changes only where it must
        }
        if (!progress) return std::nullopt;
    }
    return out;
}

GraphEdits::Nodes GraphEdits::inserted(const Nodes& nodes, int index, LayerNode node) {
    index = std::clamp(index, 0, int(nodes.size()));
    Nodes out = nodes;
    if (node.kind == NodeKind::Columns) {
        node.from = {0};
        out.insert(out.begin() + index, node);
        return sorted(out).value_or(out);
    }
    const int source = node.from.empty() ? (index == 0 ? 0 : nodes[std::size_t(index - 1)].id) : node.from.front();
    if (node.from.empty()) node.from = {source};
    for (std::size_t i = std::size_t(index); i < out.size(); ++i) {
        if (out[i].kind == NodeKind::Columns) continue; // a group reads the input by what it is
        std::replace(out[i].from.begin(), out[i].from.end(), source, node.id);
    }
    out.insert(out.begin() + index, node);
    return sorted(out).value_or(out);
}

GraphEdits::Nodes GraphEdits::removed(const Nodes& nodes, int id) {
    const int at = indexOf(nodes, id);
    if (at < 0) return nodes;
    const LayerNode gone = nodes[std::size_t(at)];
    const std::vector<int> through = gone.from.empty() ? std::vector<int>{0} : gone.from;
    Nodes out;
    for (const auto& n : nodes) {
        if (n.id == id) continue;
        LayerNode k = n;
        if (std::find(k.from.begin(), k.from.end(), id) != k.from.end()) {
            std::vector<int> from;
            for (const int s : k.from) {
                const std::vector<int> with = s != id ? std::vector<int>{s} : isMerge(k.kind) ? through : std::vector<int>{through.front()};
                for (const int w : with)
                    if (std::find(from.begin(), from.end(), w) == from.end()) from.push_back(w);
            }
            k.from = from;
        }
        out.push_back(k);
    }
    return out;
}

GraphEdits::Result GraphEdits::connected(const Nodes& nodes, int from, int to) {
    const int t = indexOf(nodes, to);
    if (t < 0) return {std::nullopt, "The input row reads the data, not another layer."};
    if (from != 0 && indexOf(nodes, from) < 0) return {std::nullopt, "That layer is gone."};
    if (from == to) return {std::nullopt, "A layer cannot read itself."};
    if (from != 0 && from == outputId(nodes)) return {std::nullopt, "The output layer is the end of the network: nothing reads it."};
    const LayerNode& target = nodes[std::size_t(t)];
    if (target.kind == NodeKind::Columns) return {std::nullopt, "A Columns layer reads the input row's columns; choose them in the inspector."};
    if (feeds(nodes, to, from)) {
        const std::string source = kindName(nodes[std::size_t(indexOf(nodes, from))].kind);
        return {std::nullopt, "This " + kindName(target.kind) + " already feeds that " + source +
                                  " (directly or through other layers): reading it would make a loop."};
    }
    Nodes out = nodes;
    LayerNode& n = out[std::size_t(t)];
    if (isMerge(n.kind)) {
        if (std::find(n.from.begin(), n.from.end(), from) != n.from.end()) return {std::nullopt, kindName(n.kind) + " already reads that layer."};
        n.from.push_back(from);
    } else {
        if (n.from == std::vector<int>{from}) return {std::nullopt, kindName(n.kind) + " already reads that layer."};
        n.from = {from}; // one input: the new one replaces it (a second input needs an Add or Concatenate)
    }
    auto order = sorted(out);
    if (!order) return {std::nullopt, "Connecting them would make a loop."};
    return {std::move(order), {}};
}

GraphEdits::Result GraphEdits::disconnected(const Nodes& nodes, int from, int to) {
    const int t = indexOf(nodes, to);
    if (t < 0) return {std::nullopt, "That connection is gone."};
    Nodes out = nodes;
    LayerNode& n = out[std::size_t(t)];
    const auto it = std::find(n.from.begin(), n.from.end(), from);
    if (it == n.from.end()) return {std::nullopt, "That connection is gone."};
    if (n.from.size() == 1)
        return {std::nullopt, kindName(n.kind) + " reads only this connection: connect another layer to it instead "
                                                 "(that replaces this one), or delete the layer."};
    n.from.erase(it);
    return {std::move(out), {}};
}

GraphEdits::Result GraphEdits::wrapped(const Nodes& nodes, const std::vector<int>& ids, LayerNode add) {
    std::set<int> run(ids.begin(), ids.end());
    run.erase(0);
    if (run.empty()) return {std::nullopt, "Select the layers to wrap in a residual connection (Ctrl+click for several)."};
    const int output = outputId(nodes);
    if (run.count(output)) return {std::nullopt, "The output layer cannot be inside a residual connection."};
    // One way in (a single node reading from outside, one source) and one way out.
    std::vector<int> entries, exits;
    int last = -1;
    for (const auto& n : nodes) {
        if (!run.count(n.id)) continue;
        if (n.kind == NodeKind::Columns) return {std::nullopt, "A Columns layer starts a branch: wrap the layers after it."};
        if (std::any_of(n.from.begin(), n.from.end(), [&](int s) { return !run.count(s); })) entries.push_back(n.id);
        const auto r = readers(nodes, n.id);
        if (r.empty() || std::any_of(r.begin(), r.end(), [&](int x) { return !run.count(x); })) exits.push_back(n.id);
        last = std::max(last, indexOf(nodes, n.id));
    }
    if (entries.size() != 1 || exits.size() != 1)
        return {std::nullopt, "Wrap a run of layers with one way in and one way out (select neighbouring layers)."};
    const LayerNode& entry = nodes[std::size_t(indexOf(nodes, entries.front()))];
    if (entry.from.size() != 1) return {std::nullopt, "The first layer of the run reads several layers: start the run after it."};
    const int source = entry.from.front();
    const int exit = exits.front();
    add.kind = NodeKind::Add;
    add.from = {exit, source};
    Nodes out = nodes;
    for (auto& n : out)
        if (!run.count(n.id)) std::replace(n.from.begin(), n.from.end(), exit, add.id);
    out.insert(out.begin() + last + 1, add);
    auto order = sorted(out);
    if (!order) return {std::nullopt, "Wrapping them would make a loop."};
    return {std::move(order), {}};
}

} // namespace layerlab::engine::design
