// The translation library holds only resources; this file gives it an object to link.
namespace rd {
int translationsLinked = 1;
}
