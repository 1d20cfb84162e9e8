// std::string_view -> QString, for the engine's names (layers, losses, metrics, formats). The views
// are not promised to end in a NUL, so never QString::fromUtf8(view.data()) alone.
#pragma once

#include <QString>

#include <string_view>

namespace layerlab::widgets {

inline QString text(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

} // namespace layerlab::widgets
