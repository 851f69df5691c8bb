#pragma once

class FlowRepository;
class SecretRepository;

// The data of --demo: a dozen realistic secrets (random values) and four flows whose steps
// import some of them by reference ID (two secrets are used by two flows, some by none).
class DemoData final {
public:
    // Adds the demo secrets and flows when the repositories are still empty.
    static void seed(SecretRepository& secrets, FlowRepository& flows);
};
