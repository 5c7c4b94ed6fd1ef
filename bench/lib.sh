# Shared by the bench scripts: the JDK the launcher finds.
JAVA_HOME=$(./jlvs --java-home)
JAVA="$JAVA_HOME/bin/java"
