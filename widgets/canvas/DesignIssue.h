// One thing wrong (or doubtful) with a design, attached to a layer or to the whole network.
#pragma once

#include <QString>

namespace layerlab::widgets::canvas {

struct DesignIssue {
    enum class Severity { Warning, Error };
    Severity severity = Severity::Error;
    int layerId = 0;   ///< 0 = the network as a whole (or the input)
    QString message;
};

} // namespace layerlab::widgets::canvas
