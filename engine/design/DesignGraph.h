// The design graph and the engine's NetworkSpec, both ways: a dense layer and the activation and
// dropout only it reads become one node, every other layer one node; node ids are the spec's
// layer ids. A chain is written as the chain version wrote it (no edges, ids only on the layers
// it drew: files of that version come back byte for byte); anything else as a graph whose every
// layer has an id and lists what it reads. fromSpec(toSpec(n)) == n and toSpec(fromSpec(s)) == s
// for what either side writes.
// Threading: pure functions.
#pragma once

#include "LayerNode.h"

#include <vector>

namespace layerlab::engine::design {

class DesignGraph {
public:
    /// The nodes `spec` stands for; `nextId` is raised past every id used.
    static std::vector<LayerNode> fromSpec(const nn::NetworkSpec& spec, int& nextId);
    /// The spec the nodes stand for; `inputs` is the input width (0 = from data).
    static nn::NetworkSpec toSpec(const std::vector<LayerNode>& nodes, int inputs = 0);
    /// The node a spec layer of toSpec() belongs to (a dense node's activation and dropout are
    /// its own); 0 = none.
    static int nodeOfLayer(const std::vector<LayerNode>& nodes, int specLayerId);
    /// Fresh ids (from `nextId`, raised past every id used) where a node, or a dense node's
    /// activation or dropout, has none.
    static void assignIds(std::vector<LayerNode>& nodes, int& nextId);
};

} // namespace layerlab::engine::design
