// How a node's card reads: its title ("Dense", "Output: made"), its detail ("16 · relu"), how
// many neurons it draws and the problems marked on it. One place for every kind (an exhaustive
// switch), used by the scene for chains and graphs alike.
// Threading: GUI thread only.
#pragma once

#include "DataSummary.h"
#include "DesignIssue.h"
#include "LayerItem.h"
#include "LayerNode.h"

#include <vector>

namespace layerlab::widgets::canvas {

class NodeLook {
public:
    struct Context {
        const DataSummary* data = nullptr;
        const std::vector<DesignIssue>* issues = nullptr;
        int outputUnits = 0; ///< what an "auto" output resolves to (0 = not known)
        bool graph = false;  ///< a graph draws every card's neurons (live values on every node)
    };
    /// `units`: the width the node outputs on the data (0 = not known).
    static LayerItem::Look of(const LayerNode& node, bool output, int units, const Context& c);
    static LayerItem::Look input(const Context& c);
};

} // namespace layerlab::widgets::canvas
