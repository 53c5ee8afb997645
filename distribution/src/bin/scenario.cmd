@echo off
rem The scenario command line of an unpacked distribution, for Windows: runs the runtime on the jars
rem in ..\lib with %JAVA_HOME%\bin\java.exe (or the java on the PATH); needs a JDK or JRE 17+.
rem SCENARIO_JAVA_OPTS adds JVM options.
setlocal
set "SCENARIO_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA_EXE=java"
)
"%JAVA_EXE%" %SCENARIO_JAVA_OPTS% -cp "%SCENARIO_HOME%\lib\*" dev.scenarios.runtime.cli.ScenarioCommand %*
exit /b %ERRORLEVEL%
