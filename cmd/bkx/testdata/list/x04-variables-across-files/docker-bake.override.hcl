variable "A" {
  default = ["o"]
}
variable "B" {
  description = "second"
  type = string
}
variable "C" {
  type = string
}
