from megflow.func_op import map_def, reduce_def, sink_def, source_def

COLLECTED = []
SUMMED = []


@source_def()
def numbers(context):
    yield from range(context.count)


@map_def()
def multiply(x, context):
    return x * context.c


@reduce_def()
def summation(xs):
    SUMMED.append(sorted(xs))
    return sum(xs)


@sink_def()
def collect(x):
    COLLECTED.append(x)
