// What the views need to know about the project's data, distilled by the app from the loaded
// table and the data settings: input names and encoded width, the target and what it needs.
// A plain value: built off the GUI thread, copied to the views.
#pragma once

#include "data/DataSpec.h"

#include <QString>
#include <QStringList>

namespace layerlab::widgets {

struct DataSummary {
    bool loaded = false;            ///< false until a table is read (views then say "from data")
    QString error;                  ///< why the data cannot be used as set up (empty = fine)
    QStringList inputs;             ///< raw input columns, in model order
    int inputWidth = 0;             ///< encoded width (one-hot factors widen it)
    QStringList featureNames;       ///< one per encoded input ("x", "shooter=Stephen Curry"); may be empty
    QString target;
    engine::data::ColumnType targetType = engine::data::ColumnType::Numeric;
    int targetClasses = 0;          ///< distinct target values (factor / boolean)
    qint64 rows = 0;
};

} // namespace layerlab::widgets
