// Registers toReceiveCommandWith & co. for aws-sdk-client-mock assertions.
import 'aws-sdk-client-mock-vitest/extend';
