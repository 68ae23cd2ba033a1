/**
 * Class files compiled by javac 17 (`javac --release 11`), with the CONSTANT_Utf8 strings `javap -v` lists for
 * them: an independent oracle for the class-file reader. Source of Sample.class:
 *
 *   public class Sample {
 *     static final long BIG = 1234567890123L;
 *     static final double PI = 3.5;
 *     public static void main(String[] args) {
 *       long l = System.nanoTime() + 9876543210L;
 *       double d = l * 2.25;
 *       Supplier<String> s = () -> "secret=\u0000x\uD83D\uDE00";
 *       System.out.println(s.get() + l + d);
 *     }
 *   }
 *
 * module-info.class: `module demo.app { exports com.x; }`.
 */

/** Sample.class: Long, Double, MethodHandle, InvokeDynamic constants; a NUL and an emoji in a literal. */
export const JAVAC_SAMPLE_CLASS = Buffer.from(
  [
    'yv66vgAAADcAWgoAAgADBwAEDAAFAAYBABBqYXZhL2xhbmcvT2JqZWN0AQAGPGluaXQ+AQADKClWCgAIAAkHAAoMAAsADAEAEGph',
    'dmEvbGFuZy9TeXN0ZW0BAAhuYW5vVGltZQEAAygpSgUAAAACTLAW6gZAAgAAAAAAABIAAAASDAATABQBAANnZXQBAB8oKUxqYXZh',
    'L3V0aWwvZnVuY3Rpb24vU3VwcGxpZXI7CQAIABYMABcAGAEAA291dAEAFUxqYXZhL2lvL1ByaW50U3RyZWFtOwsAGgAbBwAcDAAT',
    'AB0BABtqYXZhL3V0aWwvZnVuY3Rpb24vU3VwcGxpZXIBABQoKUxqYXZhL2xhbmcvT2JqZWN0OwcAHwEAEGphdmEvbGFuZy9TdHJp',
    'bmcSAAEAIQwAIgAjAQAXbWFrZUNvbmNhdFdpdGhDb25zdGFudHMBACgoTGphdmEvbGFuZy9TdHJpbmc7SkQpTGphdmEvbGFuZy9T',
    'dHJpbmc7CgAlACYHACcMACgAKQEAE2phdmEvaW8vUHJpbnRTdHJlYW0BAAdwcmludGxuAQAVKExqYXZhL2xhbmcvU3RyaW5nOylW',
    'CAArAQAQc2VjcmV0PcCAeO2gve24gAcALQEABlNhbXBsZQEAA0JJRwEAAUoBAA1Db25zdGFudFZhbHVlBQAAAR9x+wTLAQACUEkB',
    'AAFEBkAMAAAAAAAAAQAEQ29kZQEAD0xpbmVOdW1iZXJUYWJsZQEABG1haW4BABYoW0xqYXZhL2xhbmcvU3RyaW5nOylWAQANbGFt',
    'YmRhJG1haW4kMAEAFCgpTGphdmEvbGFuZy9TdHJpbmc7AQAKU291cmNlRmlsZQEAC1NhbXBsZS5qYXZhAQAQQm9vdHN0cmFwTWV0',
    'aG9kcw8GAEEKAEIAQwcARAwARQBGAQAiamF2YS9sYW5nL2ludm9rZS9MYW1iZGFNZXRhZmFjdG9yeQEAC21ldGFmYWN0b3J5AQDM',
    'KExqYXZhL2xhbmcvaW52b2tlL01ldGhvZEhhbmRsZXMkTG9va3VwO0xqYXZhL2xhbmcvU3RyaW5nO0xqYXZhL2xhbmcvaW52b2tl',
    'L01ldGhvZFR5cGU7TGphdmEvbGFuZy9pbnZva2UvTWV0aG9kVHlwZTtMamF2YS9sYW5nL2ludm9rZS9NZXRob2RIYW5kbGU7TGph',
    'dmEvbGFuZy9pbnZva2UvTWV0aG9kVHlwZTspTGphdmEvbGFuZy9pbnZva2UvQ2FsbFNpdGU7EAAdDwYASQoALABKDAA7ADwQADwP',
    'BgBNCgBOAE8HAFAMACIAUQEAJGphdmEvbGFuZy9pbnZva2UvU3RyaW5nQ29uY2F0RmFjdG9yeQEAmChMamF2YS9sYW5nL2ludm9r',
    'ZS9NZXRob2RIYW5kbGVzJExvb2t1cDtMamF2YS9sYW5nL1N0cmluZztMamF2YS9sYW5nL2ludm9rZS9NZXRob2RUeXBlO0xqYXZh',
    'L2xhbmcvU3RyaW5nO1tMamF2YS9sYW5nL09iamVjdDspTGphdmEvbGFuZy9pbnZva2UvQ2FsbFNpdGU7CABTAQADAQEBAQAMSW5u',
    'ZXJDbGFzc2VzBwBWAQAlamF2YS9sYW5nL2ludm9rZS9NZXRob2RIYW5kbGVzJExvb2t1cAcAWAEAHmphdmEvbGFuZy9pbnZva2Uv',
    'TWV0aG9kSGFuZGxlcwEABkxvb2t1cAAhACwAAgAAAAIAGAAuAC8AAQAwAAAAAgAxABgAMwA0AAEAMAAAAAIANQADAAEABQAGAAEA',
    'NwAAAB0AAQABAAAABSq3AAGxAAAAAQA4AAAABgABAAAAAgAJADkAOgABADcAAABWAAYABgAAAC64AAcUAA1hQB+KFAAPa0q6ABEA',
    'ADoFsgAVGQW5ABkBAMAAHh8pugAgAAC2ACSxAAAAAQA4AAAAFgAFAAAABgAIAAcADwAIABYACQAtAAoQCgA7ADwAAQA3AAAAGwAB',
    'AAAAAAADEiqwAAAAAQA4AAAABgABAAAACAADAD0AAAACAD4APwAAABIAAgBAAAMARwBIAEsATAABAFIAVAAAAAoAAQBVAFcAWQAZ',
  ].join(''),
  'base64',
);

/** The CONSTANT_Utf8 strings of Sample.class, in pool order, as `javap -v` prints them. */
export const JAVAC_SAMPLE_STRINGS = [
  'java/lang/Object',
  '<init>',
  '()V',
  'java/lang/System',
  'nanoTime',
  '()J',
  'get',
  '()Ljava/util/function/Supplier;',
  'out',
  'Ljava/io/PrintStream;',
  'java/util/function/Supplier',
  '()Ljava/lang/Object;',
  'java/lang/String',
  'makeConcatWithConstants',
  '(Ljava/lang/String;JD)Ljava/lang/String;',
  'java/io/PrintStream',
  'println',
  '(Ljava/lang/String;)V',
  'secret=\u0000x\ud83d\ude00',
  'Sample',
  'BIG',
  'J',
  'ConstantValue',
  'PI',
  'D',
  'Code',
  'LineNumberTable',
  'main',
  '([Ljava/lang/String;)V',
  'lambda$main$0',
  '()Ljava/lang/String;',
  'SourceFile',
  'Sample.java',
  'BootstrapMethods',
  'java/lang/invoke/LambdaMetafactory',
  'metafactory',
  '(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;',
  'java/lang/invoke/StringConcatFactory',
  '(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;',
  '\u0001\u0001\u0001',
  'InnerClasses',
  'java/lang/invoke/MethodHandles$Lookup',
  'java/lang/invoke/MethodHandles',
  'Lookup',
];

/** module-info.class: Module and Package constants. */
export const JAVAC_MODULE_INFO_CLASS = Buffer.from(
  'yv66vgAAAD0ADQcAAgEAC21vZHVsZS1pbmZvAQAKU291cmNlRmlsZQEAEG1vZHVsZS1pbmZvLmphdmEBAAZNb2R1bGUTAAcBAAhkZW1vLmFwcBMACQEACWphdmEuYmFzZQEABzE3LjAuMTUUAAwBAAVjb20veIAAAAEAAAAAAAAAAAACAAMAAAACAAQABQAAABwABgAAAAAAAQAIgAAACgABAAsAAAAAAAAAAAAA',
  'base64',
);

/** The CONSTANT_Utf8 strings of module-info.class, as `javap -v` prints them. */
export const JAVAC_MODULE_INFO_STRINGS = [
  'module-info',
  'SourceFile',
  'module-info.java',
  'Module',
  'demo.app',
  'java.base',
  '17.0.15',
  'com/x',
];
