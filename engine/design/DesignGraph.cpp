#include "DesignGraph.h"

#include "GraphEdits.h"

#include <algorithm>
#include <map>
#include <set>

namespace layerlab::engine::design {

int DesignGraph::nodeOfLayer(const std::vector<LayerNode>& nodes, int specLayerId) {
    if (specLayerId == 0) return 0;
    for (const LayerNode& n : nodes)
        if (n.id == specLayerId || (n.kind == NodeKind::Dense && ((n.activation && n.activationId == specLayerId) ||
                                                                  (n.dropout > 0.0f && n.dropoutId == specLayerId))))
            return n.id;
    return 0;
}

std::vector<LayerNode> DesignGraph::fromSpec(const nn::NetworkSpec& spec, int& nextId) {
    const std::size_t count = spec.layers.size();
    std::vector<std::vector<int>> sources;
    try {
        sources = spec.sources();
    } catch (const std::exception&) { // the project loader refuses these; read what is left as a chain
        sources.clear();
        for (std::size_t i = 0; i < count; ++i) sources.push_back({int(i) - 1});
    }
    // Spec ids stay the nodes' ids (the design check and the file name layers by them).
    std::set<int> seen;
    std::vector<int> ids(count, 0);
    for (std::size_t i = 0; i < count; ++i)
        if (spec.layers[i].id > 0 && seen.insert(spec.layers[i].id).second) {
            ids[i] = spec.layers[i].id;
            nextId = std::max(nextId, ids[i] + 1);
        }
    for (auto& id : ids)
        if (id == 0) id = nextId++;
    std::vector<int> readCount(count, 0);
    for (const auto& s : sources)
        for (const int k : s)
            if (k >= 0) ++readCount[std::size_t(k)];
    // A layer that only `next` reads, and that `next` alone reads: grouped into one node.
    const auto follows = [&](std::size_t i, nn::LayerType type) {
        return i + 1 < count && spec.layers[i + 1].type == type && sources[i + 1] == std::vector<int>{int(i)} && readCount[i] == 1;
    };
    std::vector<int> nodeOf(count, 0); // node id holding each layer
    std::vector<LayerNode> nodes;
    for (std::size_t i = 0; i < count; ++i) {
        const nn::LayerSpec& l = spec.layers[i];
        const std::size_t first = i;
        LayerNode n;
        n.id = ids[i];
        switch (l.type) {
        case nn::LayerType::Dense:
            n.kind = NodeKind::Dense;
            n.units = l.units;
            n.init = l.init;
            if (follows(i, nn::LayerType::Activation)) {
                n.activation = spec.layers[++i].activation;
                n.activationId = ids[i];
            }
            if (follows(i, nn::LayerType::Dropout) && spec.layers[i + 1].rate > 0.0f) {
                n.dropout = spec.layers[++i].rate;
                n.dropoutId = ids[i];
            }
            break;
        case nn::LayerType::Activation:
            n.kind = NodeKind::Activation;
            n.activation = l.activation;
            break;
        case nn::LayerType::Dropout:
            n.kind = NodeKind::Dropout;
            n.dropout = l.rate;
            break;
        case nn::LayerType::Embedding:
            n.kind = NodeKind::Embedding;
            n.units = l.units;
            n.embedded = l.columns;
            break;
        case nn::LayerType::Recurrent:
            n.kind = l.cell == nn::Cell::Rnn ? NodeKind::Rnn : l.cell == nn::Cell::Lstm ? NodeKind::Lstm : NodeKind::Gru;
            n.units = l.units;
            n.sequences = l.sequences;
            n.bidirectional = l.bidirectional;
            break;
        case nn::LayerType::Add: n.kind = NodeKind::Add; break;
        case nn::LayerType::Concat: n.kind = NodeKind::Concat; break;
        case nn::LayerType::BatchNorm: n.kind = NodeKind::BatchNorm; break;
        case nn::LayerType::LayerNorm: n.kind = NodeKind::LayerNorm; break;
        case nn::LayerType::Select:
            n.kind = NodeKind::Columns;
            n.columns = l.select;
            n.positions = l.positions;
            break;
        }
        for (std::size_t k = first; k <= i; ++k) {
            nodeOf[k] = n.id;
            if (!spec.layers[k].name.empty()) n.name = spec.layers[k].name; // the statement's name is on its last layer
        }
        for (const int s : sources[first]) n.from.push_back(s < 0 ? 0 : nodeOf[std::size_t(s)]);
        nodes.push_back(n);
    }
    assignIds(nodes, nextId);
    return nodes;
}

nn::NetworkSpec DesignGraph::toSpec(const std::vector<LayerNode>& nodes, int inputs) {
    nn::NetworkSpec spec;
    spec.inputs = inputs;
    // A chain is written as the chain version wrote it: no edges, ids on the layers it drew.
    const bool chain = GraphEdits::isChain(nodes);
    std::map<int, int> output; // node id -> id of the spec layer others read
    for (const LayerNode& n : nodes) {
        std::vector<nn::LayerSpec> layers;
        std::vector<int> ids{n.id};
        switch (n.kind) {
        case NodeKind::Dense:
            layers.push_back(nn::LayerSpec::dense(n.units, n.init));
            if (n.activation) {
                layers.push_back(nn::LayerSpec::act(*n.activation));
                ids.push_back(n.activationId);
            }
            if (n.dropout > 0.0f) {
                layers.push_back(nn::LayerSpec::dropout(n.dropout));
                ids.push_back(n.dropoutId);
            }
            break;
        case NodeKind::Activation: layers.push_back(nn::LayerSpec::act(n.activation.value_or(nn::Activation::Identity))); break;
        case NodeKind::Dropout: layers.push_back(nn::LayerSpec::dropout(n.dropout)); break;
        case NodeKind::Rnn:
        case NodeKind::Gru:
        case NodeKind::Lstm: layers.push_back(nn::LayerSpec::recurrent(cellOf(n.kind), n.units, n.sequences, n.bidirectional)); break;
        case NodeKind::BatchNorm: layers.push_back(nn::LayerSpec::of(nn::LayerType::BatchNorm)); break;
        case NodeKind::LayerNorm: layers.push_back(nn::LayerSpec::of(nn::LayerType::LayerNorm)); break;
        case NodeKind::Add: layers.push_back(nn::LayerSpec::of(nn::LayerType::Add)); break;
        case NodeKind::Concat: layers.push_back(nn::LayerSpec::of(nn::LayerType::Concat)); break;
        case NodeKind::Embedding: {
            nn::LayerSpec e = nn::LayerSpec::embedding(n.embedded);
            e.units = n.units;
            layers.push_back(e);
            break;
        }
        case NodeKind::Columns: {
            nn::LayerSpec s = nn::LayerSpec::of(nn::LayerType::Select);
            s.select = n.columns;
            s.positions = n.positions;
            layers.push_back(s);
            break;
        }
        }
        if (chain) {
            // Only the layers the chain version drew carry their id: a standalone activation or
            // dropout right after a dense layer reads back as part of it.
            const bool drawn = n.kind == NodeKind::Dense || isRecurrent(n.kind) || n.kind == NodeKind::BatchNorm ||
                               n.kind == NodeKind::LayerNorm;
            if (drawn) layers.front().id = n.id;
        } else {
            for (std::size_t k = 0; k < layers.size(); ++k) {
                layers[k].id = ids[k];
                if (k > 0) layers[k].from = {ids[k - 1]};
            }
            for (const int s : n.from) layers.front().from.push_back(s == 0 ? nn::LayerSpec::kInput : output.count(s) ? output[s] : s);
            layers.back().name = n.name;
            output[n.id] = ids.back();
        }
        for (auto& l : layers) spec.layers.push_back(std::move(l));
    }
    return spec;
}

void DesignGraph::assignIds(std::vector<LayerNode>& nodes, int& nextId) {
    for (const LayerNode& n : nodes)
        for (const int id : {n.id, n.activationId, n.dropoutId}) nextId = std::max(nextId, id + 1);
    for (LayerNode& n : nodes) {
        if (n.id == 0) n.id = nextId++;
        if (n.kind != NodeKind::Dense) continue;
        if (n.activation && n.activationId == 0) n.activationId = nextId++;
        if (n.dropout > 0.0f && n.dropoutId == 0) n.dropoutId = nextId++;
    }
}

} // namespace layerlab::engine::design
