from megflow.func_op import batch_def, sink_def, source_def

RECORDED = []


@source_def()
def items(context):
    for i in range(context.count):
        yield {"i": i}


@batch_def()
def group(msgs, context):
    index = getattr(context, "groups", 0)
    context.groups = index + 1
    for m in msgs:
        m["group"] = index
        m["size"] = len(msgs)


@sink_def()
def record(msg):
    RECORDED.append(msg)
