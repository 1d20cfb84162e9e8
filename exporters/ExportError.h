// An exporter refusing a model it cannot represent faithfully (a date input in ONNX, a recurrent
// layer in the C header, a column name that would clash with an output): the message says what
// and why, and no file is written.
#pragma once

#include "core/Error.h"

namespace layerlab::exporters {

class ExportError : public engine::Error {
public:
    using engine::Error::Error;
};

} // namespace layerlab::exporters
