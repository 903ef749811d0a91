# Sourced by the bench scripts (not run on its own): what each of them needs before it measures.
# - the working folder is the repository root;
# - default_data: the shared MNIST copy (../shared/data/mnist, else /work/shared/data/mnist);
# - bench_classpath: compiles main and test classes (a no-op when they are current) and sets CP for `java -cp`;
# - load: the load average, printed beside every figure.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
default_data=../shared/data/mnist
[[ -d $default_data ]] || default_data=/work/shared/data/mnist

bench_classpath() {
  mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
  CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
}

load() {
  cut -d' ' -f1-3 /proc/loadavg
}
