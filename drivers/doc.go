// Package drivers is how bkx reaches BuildKit. A Driver is registered by
// name and declares, without any network, the options it takes (so a
// misspelled option is an error with a suggestion) and the capabilities
// it has (so plan/ can refuse a build the driver cannot do before any
// node boots). Making nodes and handing out BuildKit clients is the live
// half, in each driver's own package under drivers/.
//
// It knows nothing of HCL: builders reach it as Config values.
package drivers
