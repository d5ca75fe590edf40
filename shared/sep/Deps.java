package sep;

// The one list of third-party dependencies of shared/, read by JBang from every script's //SOURCES.
// pom.xml (used by the test suite) pins the same versions; DependencyPinsTest checks they agree.
//DEPS info.picocli:picocli:4.7.7
//DEPS com.github.wendykierp:JTransforms:3.2
//DEPS org.jflac:jflac-codec:1.5.2
//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
//DEPS org.knowm.xchart:xchart:4.0.3
//DEPS org.apache.commons:commons-math3:3.6.1
//DEPS org.slf4j:slf4j-simple:2.0.17
//DEPS ai.djl:api:0.36.0
//DEPS ai.djl.pytorch:pytorch-engine:0.36.0
//DEPS ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64
//DEPS ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0
//DEPS org.tribuo:tribuo-classification-sgd:4.3.2
//DEPS org.tribuo:tribuo-classification-libsvm:4.3.2
//DEPS org.tribuo:tribuo-classification-xgboost:4.3.2
//JAVA_OPTIONS -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error
/** Marker for the dependency list above; holds no code. */
final class Deps {
    private Deps() {}
}
