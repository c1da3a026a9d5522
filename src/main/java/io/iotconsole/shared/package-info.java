/** Small types every module uses: not-found and invalid-input exceptions, paging. No web, no SQL. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.iotconsole.shared;
